import Foundation
import SiftwireClient
import SiftwireStack
import Testing
import SiftwireCLI

/// The one health check a container image carries (`siftwire health`, endpoint from the
/// environment) must work for every service, extractors included.
@Suite("Health checks as containers run them", .serialized)
struct HealthEndpointTests {
    @Test func extractorWithAHealthBindAnswersHealth() throws {
        let port = try FreePort.find()
        let endpoint = "tcp://127.0.0.1:\(port)"
        let stack = try TestStack(extractors: 1, extraArguments: ["siftwire-extract": ["--health-bind", endpoint]])
        defer { _ = stack.stop() }

        let (status, output) = try TestStack.siftwire(["health", endpoint, "--json"])
        #expect(status == 0, "\(output)\n\(stack.log("extract-1"))")
        let reply = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        #expect(reply?["service"] as? String == "extract")
        #expect(reply?["status"] as? String == "ok")
        let details = reply?["details"] as? [String: String]
        #expect(details?["worker.id"] == "extract-1")
        #expect(details?["held"] != nil && details?["extracted"] != nil)
        #expect(details?["dropped"] == "0")
    }

    @Test func healthTakesItsEndpointFromTheEnvironmentAndSaysSoWhenThereIsNone() throws {
        let stack = try TestStack(extractors: 1)
        defer { _ = stack.stop() }

        let viaEnvironment = try TestStack.siftwire(["health"], environment: ["SIFTWIRE_HEALTH_ENDPOINT": stack.launcher.options.endpoints.ingest])
        #expect(viaEnvironment.status == 0)
        #expect(viaEnvironment.output.hasPrefix("ingest ok"), "\(viaEnvironment.output)")

        let none = try TestStack.siftwire(["health"], environment: ["SIFTWIRE_HEALTH_ENDPOINT": ""], captureErrors: true)
        #expect(none.status != 0)
        #expect(none.output.contains("SIFTWIRE_HEALTH_ENDPOINT"), "\(none.output)")

        // A port where nothing listens: a failed check, not a hang.
        let closed = try TestStack.siftwire(["health", "tcp://127.0.0.1:\(try FreePort.find())", "--timeout", "1"])
        #expect(closed.status != 0)
    }
}
