import Foundation

/// The client public keys a CURVE server accepts, each with a name for logs.
///
/// Read from a file with one Z85 key per line (optionally followed by a name; `# ` lines are
/// comments), or from a directory of `NAME.public` files as `siftwire keygen` writes them.
public struct CurveAllowList: Sendable {
    /// Key → the name logged when it connects (the text after the key, or the file's name).
    public private(set) var names: [CurveKey: String]
    /// Where the list was read from, for logs and errors.
    public let source: String

    public init(_ names: [CurveKey: String], source: String = "inline") {
        self.names = names
        self.source = source
    }

    public var count: Int { names.count }

    public func contains(_ key: CurveKey) -> Bool { names[key] != nil }

    public func name(of key: CurveKey) -> String? { names[key] }

    /// Loads the allow-list at `path` (a file or a directory). An empty list is an error: a server
    /// that refuses every client is misconfigured.
    public static func load(path: String) throws(CurveKeyError) -> CurveAllowList {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CurveKeyError("CURVE allow-list \(path) does not exist")
        }
        var names: [CurveKey: String] = [:]
        if isDirectory.boolValue {
            let files: [String]
            do {
                files = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".public") }.sorted()
            } catch {
                throw CurveKeyError("cannot list CURVE allow-list directory \(path): \(error.localizedDescription)")
            }
            for file in files {
                let filePath = URL(fileURLWithPath: path).appendingPathComponent(file).path
                let stem = String(file.dropLast(".public".count))
                for (key, name) in try entries(ofFile: filePath) { names[key] = name ?? stem }
            }
        } else {
            for (index, entry) in try entries(ofFile: path).enumerated() { names[entry.key] = entry.name ?? "key-\(index + 1)" }
        }
        guard !names.isEmpty else {
            throw CurveKeyError("CURVE allow-list \(path) holds no keys (expected Z85 public keys, one per line, or NAME.public files)")
        }
        return CurveAllowList(names, source: path)
    }

    private static func entries(ofFile path: String) throws(CurveKeyError) -> [(key: CurveKey, name: String?)] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CurveKeyError("cannot read CURVE allow-list \(path): \(error.localizedDescription)")
        }
        var entries: [(key: CurveKey, name: String?)] = []
        for line in KeyFileLine.parse(text) {
            switch line {
            case .key(let key, let name): entries.append((key, name))
            case .invalid(let number, let text):
                throw CurveKeyError("\(path) line \(number) is not a Z85 public key: '\(text)'")
            }
        }
        return entries
    }
}
