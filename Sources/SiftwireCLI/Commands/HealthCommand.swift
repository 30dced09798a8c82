import ArgumentParser
import SiftwireConsole
import Foundation
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// `siftwire health [ENDPOINT]`: exit 0 when the service there answers `health`, 1 otherwise.
/// Used by container health checks and readiness probes; with no endpoint it asks
/// `SIFTWIRE_HEALTH_ENDPOINT`, which the compose file and the Kubernetes manifests set per service.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health", abstract: "Ask one service endpoint for its health (exit status 0 when it answers ok).")

    @Argument(help: "A bound endpoint, e.g. tcp://127.0.0.1:5550 (default: env SIFTWIRE_HEALTH_ENDPOINT).")
    var endpoint: String = Defaults.healthEndpoint
    @Option(help: "Seconds to wait.") var timeout = 3.0
    @Flag(help: "Print the reply as JSON.") var json = false
    @OptionGroup var curve: CurveOptions

    func validate() throws {
        if endpoint.isEmpty {
            throw ValidationError("no endpoint: give one (e.g. tcp://127.0.0.1:5550) or set SIFTWIRE_HEALTH_ENDPOINT")
        }
    }

    func run() async throws {
        do {
            let client = try RequestClient(context: ZMQContext(), endpoint: endpoint, curve: curve.settings(binds: false, connects: true))
            let reply = try client.request(HealthRequest(), timeout: .milliseconds(Int(timeout * 1000)))
            if json {
                printJSON(reply)
            } else {
                print("\(reply.service) \(reply.status), up \(Int(reply.uptimeSeconds))s, version \(reply.version)")
            }
            if reply.status != "ok" { throw ExitCode(1) }
        } catch let error as SiftwireError {
            throw CommandFailure(error)
        }
    }
}
