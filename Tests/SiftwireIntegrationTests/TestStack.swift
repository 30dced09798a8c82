import Foundation
import SiftwireClient
import SiftwireStack
import SiftwireCLI

/// A real stack (ingest, index, query, N extractors, and the feed poller when asked) on free loopback ports in a temporary directory.
final class TestStack {
    let launcher: ServiceLauncher
    let client: SiftwireClient
    let directory: URL

    /// With `curve`, every socket of the stack uses CURVE (keys made in DIRECTORY/curve) and the client has the client keys.
    /// The feed poller runs only with `feeds` (the suites that test it), to keep the other stacks small.
    init(extractors: Int = 2, leaseSeconds: Double? = nil, extraArguments: [String: [String]] = [:],
         curve: Bool = false, endpoints: Endpoints? = nil, feeds: Bool = false) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("siftwire-test-\(UUID().uuidString.prefix(8))")
        var options = ServiceLauncher.Options(
            endpoints: try endpoints ?? .freeLoopback(), dataDirectory: directory, extractors: extractors,
            binDirectory: TestStack.binDirectory)
        options.leaseSeconds = leaseSeconds
        options.extraArguments = extraArguments
        options.logLevel = "info"
        options.feeds = feeds
        if curve { options.curve = try StackCurve.prepare(in: directory.appendingPathComponent("curve")) }
        launcher = ServiceLauncher(options: options)
        try launcher.start()
        client = try SiftwireClient(ingest: options.endpoints.ingest, query: options.endpoints.query, timeout: .seconds(30),
                                    curve: options.curve?.clientSettings)
    }

    var curve: StackCurve? { launcher.options.curve }

    /// The folder holding the built executables (beside the test bundle).
    static var binDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["SIFTWIRE_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        var url = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("siftwire-ingest").path), url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
        }
        return url
    }

    /// Asks `endpoint` for its health until it answers (a service just started may not be bound yet); false when
    /// `process` exited or `timeout` passed first.
    static func waitForHealth(_ client: SiftwireClient, of endpoint: String, process: Process, timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while (try? client.health(of: endpoint, timeout: .milliseconds(500))) == nil {
            guard ContinuousClock.now < deadline, process.isRunning else { return false }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return true
    }

    /// Runs the real `siftwire` CLI against this stack and returns its exit status and stdout.
    func cli(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try Self.siftwire(arguments + ["--ingest", launcher.options.endpoints.ingest, "--query", launcher.options.endpoints.query]
                          + (curve?.clientArguments ?? []))
    }

    /// Runs the real `siftwire` binary and returns its exit status and stdout (and stderr after
    /// it with `captureErrors`); `environment` entries are added to this process's environment.
    static func siftwire(_ arguments: [String], environment: [String: String] = [:], captureErrors: Bool = false) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = binDirectory.appendingPathComponent("siftwire")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = captureErrors ? pipe : FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// The tail of a service's log, for failure messages.
    func log(_ name: String) -> String {
        fullLog(name).split(separator: "\n").suffix(20).joined(separator: "\n")
    }

    func fullLog(_ name: String) -> String {
        (try? String(contentsOf: launcher.logDirectory.appendingPathComponent("\(name).log"), encoding: .utf8)) ?? ""
    }

    func stop() -> [String: Int32] {
        let statuses = launcher.stop()
        try? FileManager.default.removeItem(at: directory)
        return statuses
    }
}
