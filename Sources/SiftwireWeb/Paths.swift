import Foundation

/// The workbench's URLs, with every variable part percent-encoded.
public enum Paths {
    static let segmentAllowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~:@")
        return set
    }()

    static let queryValueAllowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()

    public static func segment(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? ""
    }

    public static func entity(_ id: String) -> String { "/entity/" + segment(id) }
    public static func document(_ id: String) -> String { "/doc/" + segment(id) }

    /// `path?name=value&…`, leaving out nil and empty values.
    public static func with(_ path: String, _ query: [(String, String?)]) -> String {
        let pairs = query.compactMap { name, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return name + "=" + (value.addingPercentEncoding(withAllowedCharacters: queryValueAllowed) ?? "")
        }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }

    public static func search(_ text: String, source: String? = nil, from: String? = nil, to: String? = nil, type: String? = nil,
                              entity: String? = nil, offset: Int? = nil) -> String {
        with("/search", [("q", text), ("source", source), ("from", from), ("to", to), ("type", type), ("entity", entity),
                         ("offset", offset.map(String.init))])
    }
}

/// `application/x-www-form-urlencoded` bodies and query strings.
public enum FormData {
    /// Name–value pairs, `+` as a space, percent escapes decoded; the last of a repeated name wins.
    public static func parse(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            fields[name] = value
        }
        return fields
    }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
