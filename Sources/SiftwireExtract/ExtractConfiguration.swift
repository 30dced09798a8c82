import Foundation
import SiftwireMessaging

/// Everything an extractor needs to run. Extractors bind nothing: they connect to ingest and the index.
public struct ExtractConfiguration: Sendable {
    /// Ingest's work endpoint.
    public var workEndpoint: String
    /// The index's endpoint.
    public var indexEndpoint: String
    public var storePath: String
    /// Name shown in `siftwire status` and logs; unique per process.
    public var workerID: String
    /// Documents held at once (the credit offered to ingest).
    public var capacity = 8
    /// How long an index put waits for its reply before it is sent again.
    public var putTimeout: Duration = .seconds(5)
    public var heartbeat = Heartbeat(interval: .seconds(1), timeout: .seconds(5))
    /// Largest inbound message on its sockets (`ZMQ_MAXMSGSIZE`): keep it at least ingest's and the index's.
    public var maxMessageBytes = 64 << 20
    /// Testing aid; nil in normal operation.
    public var fault: FaultInjection?

    public init(workEndpoint: String, indexEndpoint: String, storePath: String, workerID: String) {
        self.workEndpoint = workEndpoint
        self.indexEndpoint = indexEndpoint
        self.storePath = storePath
        self.workerID = workerID
    }

    /// `extract-<host>-<pid>`: unique across replicas on one host and across containers.
    public static func defaultWorkerID() -> String {
        "extract-\(ProcessInfo.processInfo.hostName.split(separator: ".").first ?? "host")-\(ProcessInfo.processInfo.processIdentifier)"
    }
}
