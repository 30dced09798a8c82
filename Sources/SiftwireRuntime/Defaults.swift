import Foundation

/// Default endpoints and locations; each can be overridden by an environment variable, then by a flag.
/// The defaults put every service on loopback on one machine, as `siftwire up` runs them.
public enum Defaults {
    static func env(_ name: String, _ fallback: String) -> String {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
    }

    /// Where ingest takes client requests (`SIFTWIRE_INGEST_BIND`).
    public static var ingestBind: String { env("SIFTWIRE_INGEST_BIND", "tcp://127.0.0.1:5550") }
    /// Where ingest hands out work and takes index confirmations (`SIFTWIRE_WORK_BIND`).
    public static var workBind: String { env("SIFTWIRE_WORK_BIND", "tcp://127.0.0.1:5551") }
    /// Where the index takes writes and reads (`SIFTWIRE_INDEX_BIND`).
    public static var indexBind: String { env("SIFTWIRE_INDEX_BIND", "tcp://127.0.0.1:5552") }
    /// Where the query service takes client queries (`SIFTWIRE_QUERY_BIND`).
    public static var queryBind: String { env("SIFTWIRE_QUERY_BIND", "tcp://127.0.0.1:5553") }
    /// Where the index publishes `index.document` announcements (`SIFTWIRE_INDEX_PUBLISH_BIND`).
    public static var indexPublishBind: String { env("SIFTWIRE_INDEX_PUBLISH_BIND", "tcp://127.0.0.1:5554") }
    /// Where the query service publishes `query.alert` (`SIFTWIRE_QUERY_PUBLISH_BIND`).
    public static var queryPublishBind: String { env("SIFTWIRE_QUERY_PUBLISH_BIND", "tcp://127.0.0.1:5555") }

    /// Where the feed poller takes `feeds.*` requests (`SIFTWIRE_FEEDS_BIND`). 5556 is the
    /// extractors' in-container health port, so the poller takes the next one.
    public static var feedsBind: String { env("SIFTWIRE_FEEDS_BIND", "tcp://127.0.0.1:5557") }

    /// Where an extractor answers `health` (`SIFTWIRE_EXTRACT_HEALTH_BIND`); empty: nowhere, since
    /// replicas on one host would collide on a fixed port.
    public static var extractHealthBind: String { env("SIFTWIRE_EXTRACT_HEALTH_BIND", "") }
    /// The endpoint `siftwire health` asks when given none (`SIFTWIRE_HEALTH_ENDPOINT`): set per
    /// service in a container, so one image-wide `HEALTHCHECK` serves every service.
    public static var healthEndpoint: String { env("SIFTWIRE_HEALTH_ENDPOINT", "") }

    /// Ingest's client endpoint as clients reach it (`SIFTWIRE_INGEST`).
    public static var ingest: String { env("SIFTWIRE_INGEST", "tcp://127.0.0.1:5550") }
    /// Ingest's work endpoint as extractors and the index reach it (`SIFTWIRE_WORK`).
    public static var work: String { env("SIFTWIRE_WORK", "tcp://127.0.0.1:5551") }
    /// The index endpoint as extractors and the query service reach it (`SIFTWIRE_INDEX`).
    public static var index: String { env("SIFTWIRE_INDEX", "tcp://127.0.0.1:5552") }
    /// The query endpoint as clients reach it (`SIFTWIRE_QUERY`).
    public static var query: String { env("SIFTWIRE_QUERY", "tcp://127.0.0.1:5553") }
    /// The index's announcements as the query service reaches them (`SIFTWIRE_INDEX_PUBLISH`).
    public static var indexPublish: String { env("SIFTWIRE_INDEX_PUBLISH", "tcp://127.0.0.1:5554") }
    /// The query service's alerts as `siftwire watch` reaches them (`SIFTWIRE_QUERY_PUBLISH`).
    public static var queryPublish: String { env("SIFTWIRE_QUERY_PUBLISH", "tcp://127.0.0.1:5555") }

    /// The feed poller's endpoint as clients reach it (`SIFTWIRE_FEEDS`).
    public static var feeds: String { env("SIFTWIRE_FEEDS", "tcp://127.0.0.1:5557") }

    /// Largest inbound message (each frame) a bound socket accepts, in bytes (`SIFTWIRE_MAX_MESSAGE_BYTES`).
    /// Over it, libzmq drops the sender's connection: no reply is possible.
    public static var maxMessageBytes: Int { envInt("SIFTWIRE_MAX_MESSAGE_BYTES", 64 << 20) }
    /// Largest document ingest accepts, in UTF-8 bytes (`SIFTWIRE_MAX_DOCUMENT_BYTES`).
    public static var maxDocumentBytes: Int { envInt("SIFTWIRE_MAX_DOCUMENT_BYTES", 16 << 20) }
    /// Most documents in one `ingest.submit` (`SIFTWIRE_MAX_BATCH`).
    public static var maxBatch: Int { envInt("SIFTWIRE_MAX_BATCH", 1000) }
    /// Longest the index holds a put for group commit, in milliseconds (`SIFTWIRE_COMMIT_DELAY_MS`).
    public static var commitDelayMs: Int { envInt("SIFTWIRE_COMMIT_DELAY_MS", 5) }
    /// Longest time the index spends on one read, in milliseconds (`SIFTWIRE_QUERY_TIME_LIMIT_MS`).
    public static var queryTimeLimitMs: Int { envInt("SIFTWIRE_QUERY_TIME_LIMIT_MS", 2000) }

    /// Reader threads of the index (`SIFTWIRE_INDEX_READERS`).
    public static var indexReaders: Int { envInt("SIFTWIRE_INDEX_READERS", 4) }
    /// Most reads waiting for an index reader before reads are answered `busy` (`SIFTWIRE_INDEX_MAX_QUEUED_READS`).
    public static var indexMaxQueuedReads: Int { envInt("SIFTWIRE_INDEX_MAX_QUEUED_READS", 64) }

    static func envInt(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? fallback
    }

    /// Root of the services' data directories (`SIFTWIRE_DATA`).
    public static var dataDirectory: String { env("SIFTWIRE_DATA", "./siftwire-data") }
    /// `trace`, `debug`, `info`, `notice`, `warning`, `error` or `critical` (`SIFTWIRE_LOG_LEVEL`).
    public static var logLevel: String { env("SIFTWIRE_LOG_LEVEL", "info") }
}
