/// `health` → `health.reply`: every service answers it on every socket it binds.
public struct HealthRequest: Request {
    public typealias Reply = HealthReply
    public static let kind = MessageKind.health
    public init() {}
}

public struct HealthReply: MessageBody {
    public static let kind = MessageKind.healthReply
    /// `ingest`, `index`, `query`, or `extract` (on an extractor's optional health endpoint).
    public var service: String
    public var status: String
    public var version: String
    public var uptimeSeconds: Double
    /// Service-specific readings, e.g. store path, pending counts.
    public var details: [String: String]

    public init(service: String, status: String = "ok", version: String = SiftwireVersion.current, uptimeSeconds: Double, details: [String: String] = [:]) {
        self.service = service
        self.status = status
        self.version = version
        self.uptimeSeconds = uptimeSeconds
        self.details = details
    }
}

public enum SiftwireVersion {
    public static let current = "0.1.0"
}
