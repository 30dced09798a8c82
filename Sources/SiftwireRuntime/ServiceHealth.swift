import SiftwireProtocol

/// Answers `health` for a service: its name, uptime and a few readings.
public struct ServiceHealth {
    public let service: String
    private let started = ContinuousClock.now

    public init(service: String) { self.service = service }

    public func reply(details: [String: String] = [:]) -> HealthReply {
        let uptime = ContinuousClock.now - started
        let seconds = uptime.inSeconds
        return HealthReply(service: service, uptimeSeconds: seconds, details: details)
    }
}
