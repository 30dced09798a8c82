import Foundation

/// The one place bodies are turned into JSON and back.
public enum JSONCoding {
    /// Deepest nesting of arrays/objects accepted in a body before decoding is attempted.
    public static let maxDepth = 64

    public static func encode<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding our own Codable payloads fails only on non-finite floats, which none carry.
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(SiftwireError) -> T {
        guard nestingDepth(of: data) <= maxDepth else {
            throw SiftwireError(.invalidBody, "JSON body nests deeper than \(maxDepth) levels")
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw SiftwireError(.invalidBody, "missing field '\(path(context.codingPath + [key]))'")
        } catch let DecodingError.typeMismatch(expected, context) {
            throw SiftwireError(.invalidBody, "field '\(path(context.codingPath))' should be \(jsonName(of: expected))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw SiftwireError(.invalidBody, "field '\(path(context.codingPath))' is null")
        } catch let DecodingError.dataCorrupted(context) {
            let at = context.codingPath.isEmpty ? "" : " at '\(path(context.codingPath))'"
            throw SiftwireError(.invalidBody, "body is not valid JSON for this kind\(at): \(context.debugDescription)")
        } catch {
            throw SiftwireError(.invalidBody, "body could not be decoded: \(error)")
        }
    }

    /// How a Swift type looks in JSON, for error messages.
    static func jsonName(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : (String(describing: type).hasPrefix("Dictionary") ? "an object" : "a \(type)")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// Maximum bracket nesting, ignoring brackets inside strings. Linear, no allocation.
    static func nestingDepth(of data: Data) -> Int {
        var depth = 0, deepest = 0, inString = false, escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }
}
