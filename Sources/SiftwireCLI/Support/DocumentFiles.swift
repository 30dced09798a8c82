import Foundation
import SiftwireProtocol

/// Reads documents from files and folders: plain text and Markdown, one document per file.
public enum DocumentFiles {
    public static let extensions: Set<String> = ["txt", "md", "markdown", "text"]

    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Every readable document file under `paths` (folders are walked), sorted by path.
    public static func list(_ paths: [String]) throws -> [URL] {
        var files: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ReadError(description: "\(path): no such file or directory")
            }
            let url = URL(fileURLWithPath: path)
            if !isDirectory.boolValue {
                files.append(url)
                continue
            }
            let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
            while let item = walker?.nextObject() as? URL {
                if extensions.contains(item.pathExtension.lowercased()) { files.append(item) }
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The file's size in bytes, without reading it (nil when it cannot be read).
    public static func size(of url: URL) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue
    }

    /// The file's text exactly as read, except that invalid UTF-8 sequences are repaired: each
    /// becomes U+FFFD. (Ingest then refuses text that is mostly U+FFFD or control characters as binary.)
    public static func text(of url: URL) throws -> String {
        String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    public static func document(at url: URL, source: String? = nil) throws -> NewDocument {
        NewDocument(text: try text(of: url), title: nil, source: source ?? url.path)
    }
}
