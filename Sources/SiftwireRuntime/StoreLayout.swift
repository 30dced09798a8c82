import Foundation

/// Where every service keeps its SQLite store under one data directory (`--data`, `SIFTWIRE_DATA`):
/// `DATA/ingest/ingest.sqlite`, `DATA/extract/extract.sqlite` (shared by extractor replicas on one
/// host), `DATA/index/index.sqlite`, `DATA/query/query.sqlite`, `DATA/feeds/feeds.sqlite`. The one place these paths are named.
public struct StoreLayout: Sendable, Equatable {
    public let dataDirectory: URL

    public init(dataDirectory: URL) {
        self.dataDirectory = dataDirectory
    }

    public init(data: String) {
        self.init(dataDirectory: URL(fileURLWithPath: data))
    }

    public var ingest: String { store("ingest") }
    public var extract: String { store("extract") }
    public var index: String { store("index") }
    public var query: String { store("query") }
    /// The feed poller's feeds and seen items.
    public var feeds: String { store("feeds") }

    /// `DATA/SERVICE/SERVICE.sqlite`.
    public func store(_ service: String) -> String {
        dataDirectory.appendingPathComponent(service).appendingPathComponent("\(service).sqlite").path
    }
}
