import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A local HTTP server for feed tests: `Fixtures/feed_server.py` (Python's standard library)
/// serving the files of a temporary folder with ETag/Last-Modified and 304 answers, and counting
/// the requests per path.
final class FeedServer {
    struct PathStats: Decodable {
        var requests = 0
        var conditional = 0
        var notModified = 0
        var ifNoneMatch = 0
        var ifModifiedSince = 0
    }

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    let root: URL
    let port: Int
    private let process: Process

    static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/feed_server.py")
    }

    init(root: URL) throws {
        self.root = root
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path, "--root", root.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw StartError(description: "feed_server.py did not print its port: \(String(decoding: line, as: UTF8.self))")
        }
        self.port = port
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// Writes (or replaces) a served file.
    func write(_ name: String, _ text: String) throws {
        try text.write(to: root.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// The server's counts for one path (`/rss.xml`).
    func stats(_ path: String) throws -> PathStats {
        let all = try JSONDecoder().decode([String: PathStats].self, from: try get("/_stats"))
        return all[path] ?? PathStats()
    }

    private func get(_ path: String) throws -> Data {
        let semaphore = DispatchSemaphore(value: 0)
        let box = Box()
        let task = URLSession.shared.dataTask(with: URL(string: "http://127.0.0.1:\(port)\(path)")!) { data, _, error in
            box.data = data
            box.error = error
            semaphore.signal()
        }
        task.resume()
        semaphore.wait()
        if let error = box.error { throw error }
        return box.data ?? Data()
    }

    private final class Box: @unchecked Sendable {
        var data: Data?
        var error: (any Error)?
    }

    func stop() {
        if process.isRunning {
            // SIGKILL: the server keeps nothing worth a clean exit.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

/// Feed documents written for the tests.
enum TestFeeds {
    struct Item {
        var guid: String
        var title: String
        var link: String
        var date: String
        var text: String
    }

    static func rss(title: String, _ items: [Item]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>\(title)</title><link>http://levant.example/</link><language>en</language>
        \(items.map { "<item><title>\($0.title)</title><link>\($0.link)</link><guid>\($0.guid)</guid><pubDate>\($0.date)</pubDate><description>\($0.text)</description></item>" }.joined(separator: "\n"))
        </channel></rss>
        """
    }

    static func atom(title: String, _ items: [Item]) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>\(title)</title><id>urn:test:atom</id><updated>2026-11-30T12:00:00Z</updated>
        \(items.map { "<entry><title>\($0.title)</title><id>\($0.guid)</id><link rel=\"alternate\" href=\"\($0.link)\"/><published>\($0.date)</published><summary>\($0.text)</summary></entry>" }.joined(separator: "\n"))
        </feed>
        """
    }
}
