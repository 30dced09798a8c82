import Foundation
import SiftwireMessaging
import SiftwireRuntime

/// Everything an extractor needs to run. Extractors connect to ingest and the index; they bind
/// only an optional health endpoint.
public struct ExtractConfiguration: Sendable {
    /// Ingest's work endpoint.
    public var workEndpoint: String
    /// The index's endpoint.
    public var indexEndpoint: String
    public var storePath: String
    /// Name shown in `siftwire status` and logs; unique per process.
    public var workerID: String
    /// Documents held at once (the credit offered to ingest).
    public var capacity = 32
    /// How long an index put waits for its reply before it is sent again.
    public var putTimeout: Duration = .seconds(5)
    public var heartbeat = Heartbeat(interval: .seconds(1), timeout: .seconds(5))
    /// Where the extractor answers `health` (nil: nowhere). A container or pod binds it on its own
    /// loopback (`tcp://127.0.0.1:5556`) for its health check; replicas sharing one host leave it off.
    public var healthEndpoint: String?
    /// Largest inbound message on its sockets (`ZMQ_MAXMSGSIZE`): keep it at least ingest's and the index's.
    public var maxMessageBytes = 64 << 20
    /// Which engine extracts: the shipped one, or the rules and dictionary alone.
    public enum Engine: String, Sendable, CaseIterable {
        case standard, rules
    }
    public var engine = Engine.standard
    /// Testing aid; nil in normal operation.
    public var fault: FaultInjection?
    /// CURVE encryption and client authentication; nil (the default) is plain text.
    public var curve: CurveSettings?

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
