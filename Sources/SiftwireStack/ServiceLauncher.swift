import Foundation
import SiftwireClient
import SiftwireProtocol

/// Runs the real executables (ingest, index, query, the extractors and the feed poller) as child
/// processes on loopback and stops them cleanly.
public final class ServiceLauncher {
    public struct Options: Sendable {
        public var endpoints: Endpoints
        public var dataDirectory: URL
        public var extractors: Int
        public var binDirectory: URL
        public var logLevel = "info"
        public var leaseSeconds: Double?
        /// Extra arguments per executable name, e.g. `["siftwire-ingest": ["--max-failures", "2"]]`.
        public var extraArguments: [String: [String]] = [:]
        /// CURVE for every socket of the stack (keys from `StackCurve.prepare`); nil is plain text.
        public var curve: StackCurve?
        /// Whether to run the feed poller (`siftwire-feeds`) too.
        public var feeds = true

        public init(endpoints: Endpoints, dataDirectory: URL, extractors: Int, binDirectory: URL) {
            self.endpoints = endpoints
            self.dataDirectory = dataDirectory
            self.extractors = extractors
            self.binDirectory = binDirectory
        }
    }

    public struct LaunchError: Error, CustomStringConvertible {
        public var description: String
    }

    public let options: Options
    public private(set) var processes: [String: Process] = [:]
    /// Services stopped or killed on purpose, which `restartExited` leaves alone.
    private var stoppedOnPurpose: Set<String> = []
    /// How many times each service was restarted after exiting by itself.
    public private(set) var restarts: [String: Int] = [:]
    public var logDirectory: URL { options.dataDirectory.appendingPathComponent("logs") }

    public init(options: Options) {
        self.options = options
    }

    /// Where the service executables are: beside this one, or `SIFTWIRE_BIN_DIR`.
    public static func defaultBinDirectory() -> URL {
        if let dir = ProcessInfo.processInfo.environment["SIFTWIRE_BIN_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        if FileManager.default.isExecutableFile(atPath: executable.path),
           FileManager.default.fileExists(atPath: executable.deletingLastPathComponent().appendingPathComponent("siftwire-ingest").path) {
            return executable.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }

    /// Starts ingest, index, query, the extractors and the feed poller, and waits until all answer.
    public func start(timeout: Duration = .seconds(60)) throws {
        // Owner-only, like the stores: the data directory, its logs and its keys belong to the service user.
        try FileManager.default.createDirectory(at: logDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: logDirectory.path)
        let e = options.endpoints
        let data = options.dataDirectory.path
        var ingestArguments = ["--bind", e.ingest, "--work-bind", e.work, "--data", data]
        if let lease = options.leaseSeconds { ingestArguments += ["--lease-seconds", "\(lease)"] }
        try launch("ingest", executable: "siftwire-ingest", arguments: ingestArguments)
        try launch("index", executable: "siftwire-index", arguments: ["--bind", e.index, "--publish-bind", e.indexPublish, "--ingest", e.work, "--data", data])
        try launch("query", executable: "siftwire-query",
                   arguments: ["--bind", e.query, "--index", e.index, "--index-publish", e.indexPublish,
                               "--publish-bind", e.queryPublish, "--data", data])
        for number in 1...max(1, options.extractors) {
            try startExtractor(number)
        }
        if options.feeds {
            try launch("feeds", executable: "siftwire-feeds", arguments: ["--bind", e.feeds, "--ingest", e.ingest, "--data", data])
        }
        try waitUntilReady(timeout: timeout)
    }

    /// Starts the web workbench (`siftwire-web`, as service `web`) on `bind` (`host:port`) over this
    /// stack's query and ingest services, with its accounts in `accounts`; waits until it accepts
    /// connections. Returns its URL.
    @discardableResult
    public func startWeb(bind: String, accounts: URL, timeout: Duration = .seconds(30)) throws -> String {
        let e = options.endpoints
        // With CURVE, it connects with the stack's client key pair, like an extractor.
        try launch("web", executable: "siftwire-web",
                   arguments: ["--bind", bind, "--query", e.query, "--ingest", e.ingest, "--query-publish", e.queryPublish, "--accounts", accounts.path]
                       + (options.curve?.clientArguments ?? []), extra: false)
        let parts = bind.split(separator: ":")
        guard parts.count == 2, let port = UInt16(parts[1]) else { throw LaunchError(description: "--web takes host:port, not \(bind)") }
        let host = String(parts[0])
        let deadline = ContinuousClock.now + timeout
        while !TCPProbe.accepts(host: host, port: port) {
            try checkAlive()
            guard ContinuousClock.now < deadline else {
                throw LaunchError(description: "siftwire-web did not listen on \(bind) within \(timeout); see \(logDirectory.appendingPathComponent("web.log").path)")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return "http://\(bind)"
    }

    /// Starts extractor number `number` (1-based); its worker id is `extract-N`.
    /// With `extraArguments`, those replace the options' extra arguments for `siftwire-extract`
    /// (a test switching its extractors to another engine, say).
    public func startExtractor(_ number: Int, extraArguments: [String]? = nil) throws {
        let e = options.endpoints
        try launch("extract-\(number)", executable: "siftwire-extract",
                   arguments: ["--work", e.work, "--index", e.index, "--data", options.dataDirectory.path, "--worker-id", "extract-\(number)"],
                   extraArguments: extraArguments)
    }

    /// Starts a stopped or killed service again under the same name, with the same arguments.
    public func restart(_ name: String) throws {
        guard let old = processes[name], let executable = old.executableURL?.lastPathComponent else {
            throw LaunchError(description: "no service named \(name)")
        }
        if old.isRunning { old.terminate(); old.waitUntilExit() }
        try launch(name, executable: executable, arguments: old.arguments ?? [], extra: false)
    }

    /// Supervision: restarts every service that exited without being asked to. Returns their names.
    @discardableResult
    public func restartExited() -> [String] {
        let exited = processes.filter { !$0.value.isRunning && !stoppedOnPurpose.contains($0.key) }.map(\.key).sorted()
        for name in exited {
            if (try? restart(name)) != nil { restarts[name, default: 0] += 1 }
        }
        return exited
    }

    /// Names of the services currently running.
    public var running: [String] {
        processes.filter { $0.value.isRunning }.map(\.key).sorted()
    }

    private func launch(_ name: String, executable: String, arguments: [String], extra: Bool = true,
                        extraArguments: [String]? = nil) throws {
        var arguments = arguments
        if extra, let curve = options.curve {
            arguments += executable == "siftwire-extract" ? curve.clientArguments : curve.serverArguments
        }
        arguments += extra ? extraArguments ?? options.extraArguments[executable] ?? [] : []
        stoppedOnPurpose.remove(name)
        let url = options.binDirectory.appendingPathComponent(executable)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw LaunchError(description: "\(url.path) is not an executable; build with `swift build` first")
        }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SIFTWIRE_LOG_LEVEL"] = options.logLevel
        // CURVE is set by flags from `options.curve` alone, never by a client's settings in this shell.
        for name in environment.keys where name.hasPrefix("SIFTWIRE_CURVE_") { environment[name] = nil }
        process.environment = environment
        let logURL = logDirectory.appendingPathComponent("\(name).log")
        if !FileManager.default.fileExists(atPath: logURL.path) {
            _ = FileManager.default.createFile(atPath: logURL.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let log = try FileHandle(forWritingTo: logURL)
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        processes[name] = process
    }

    private func waitUntilReady(timeout: Duration) throws {
        let deadline = ContinuousClock.now + timeout
        let client = try SiftwireClient(ingest: options.endpoints.ingest, query: options.endpoints.query, timeout: .seconds(1),
                                        curve: options.curve?.clientSettings)
        let endpoints = [options.endpoints.ingest, options.endpoints.index, options.endpoints.query]
            + (options.feeds ? [options.endpoints.feeds] : [])
        for endpoint in endpoints {
            while true {
                if (try? client.health(of: endpoint, timeout: .milliseconds(500))) != nil { break }
                try checkAlive()
                guard ContinuousClock.now < deadline else {
                    throw LaunchError(description: "\(endpoint) did not answer health within \(timeout); see logs in \(logDirectory.path)")
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        while (try? client.status())?.extractors.count ?? 0 < options.extractors {
            try checkAlive()
            guard ContinuousClock.now < deadline else {
                throw LaunchError(description: "extractors did not connect within \(timeout); see logs in \(logDirectory.path)")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    private func checkAlive() throws {
        for (name, process) in processes where !process.isRunning {
            throw LaunchError(description: "\(name) exited with status \(process.terminationStatus); see \(logDirectory.appendingPathComponent("\(name).log").path)")
        }
    }

    /// Sends SIGTERM to one service and waits for it to exit; returns its exit status.
    @discardableResult
    public func terminate(_ name: String) -> Int32? {
        guard let process = processes[name], process.isRunning else { return nil }
        stoppedOnPurpose.insert(name)
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Sends SIGKILL to one service (for failure tests); it stays down until `restart`.
    public func kill(_ name: String) {
        guard let process = processes[name], process.isRunning else { return }
        stoppedOnPurpose.insert(name)
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM to every service, then waits; SIGKILL for any still running after `grace`.
    /// Returns the exit status of each service.
    @discardableResult
    public func stop(grace: Duration = .seconds(10)) -> [String: Int32] {
        stoppedOnPurpose.formUnion(processes.keys)
        let running = processes.filter { $0.value.isRunning }
        for process in running.values { process.terminate() }
        let deadline = ContinuousClock.now + grace
        while running.values.contains(where: \.isRunning), ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        for process in running.values where process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
        }
        var statuses: [String: Int32] = [:]
        for (name, process) in processes {
            process.waitUntilExit()
            statuses[name] = process.terminationStatus
        }
        return statuses
    }

    deinit {
        for process in processes.values where process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
        }
    }
}

/// Whether something accepts TCP connections at an IPv4 address and port (for `startWeb`).
enum TCPProbe {
    static func accepts(host: String, port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host, &address.sin_addr) == 1 else { return false }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
