import ArgumentParser
import SiftwireClient
import SiftwireStack
import Foundation
import SiftwireRuntime

/// Options shared by `up` and `demo`.
struct StackOptions: ParsableArguments {
    @Option(help: "Data directory for the services' stores and logs.")
    var data = Defaults.dataDirectory
    @Option(help: "Number of extractors to run.")
    var extractors = 2
    @Option(help: "First of the loopback ports: N…N+5 (ingest, work, index, query, index publish, query publish) and N+7 (feeds).")
    var basePort = 5550
    @Option(help: "Log level of the services (their logs go to DATA/logs).")
    var logLevel = Defaults.logLevel
    @Flag(help: "Encrypt and authenticate every socket with CURVE; key pairs are made in DATA/curve if missing.")
    var curve = false

    func launcher(dataDirectory: URL? = nil) throws -> ServiceLauncher {
        var options = ServiceLauncher.Options(
            endpoints: .loopback(basePort: basePort),
            dataDirectory: dataDirectory ?? URL(fileURLWithPath: data),
            extractors: extractors, binDirectory: ServiceLauncher.defaultBinDirectory())
        options.logLevel = logLevel
        if curve { options.curve = try StackCurve.prepare(in: options.dataDirectory.appendingPathComponent("curve")) }
        return ServiceLauncher(options: options)
    }
}

struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up", abstract: "Run the services (ingest, extractors, index, query, feeds) and the web workbench on loopback until interrupted.")

    @OptionGroup var stack: StackOptions
    @Option(help: "Where the web workbench (siftwire-web) listens, host:port (env SIFTWIRE_WEB_BIND).")
    var web = ProcessInfo.processInfo.environment["SIFTWIRE_WEB_BIND"] ?? "127.0.0.1:5580"
    @Flag(help: "Do not start the web workbench.")
    var noWeb = false

    func run() async throws {
        let launcher = try stack.launcher()
        print("starting siftwire (data in \(launcher.options.dataDirectory.path)) …")
        do {
            try launcher.start()
        } catch {
            launcher.stop()
            throw error
        }
        var webLine = ""
        if !noWeb {
            let accounts = launcher.options.dataDirectory.appendingPathComponent("web/accounts.sqlite")
            do {
                let url = try launcher.startWeb(bind: web, accounts: accounts)
                webLine = "\n  web     \(url)   (accounts: siftwire users add NAME --role admin --accounts \(accounts.path))"
            } catch {
                webLine = "\n  web     not started: \(error)"
            }
        }
        let e = launcher.options.endpoints
        print("""
            siftwire is up with \(stack.extractors) extractor(s):
              ingest  \(e.ingest)   (clients: siftwire ingest, SIFTWIRE_INGEST)
              query   \(e.query)   (clients: siftwire query, SIFTWIRE_QUERY)
              feeds   \(e.feeds)   (clients: siftwire feeds, SIFTWIRE_FEEDS)
              work    \(e.work)   (extractors, index confirmations)
              index   \(e.index)   (extractors, query service)
              alerts  \(e.queryPublish)   (PUB, query.alert: siftwire watch, SIFTWIRE_QUERY_PUBLISH)
              docs    \(e.indexPublish)   (PUB, index.document: query service)
              logs    \(launcher.logDirectory.path)\(webLine)
            press Ctrl-C to stop
            """)
        if let curve = launcher.options.curve {
            print("CURVE is on; for CLI commands in another shell:")
            for line in curve.clientEnvironment { print("  export \(line.name)=\(line.value)") }
        }
        let interrupt = InterruptWatcher()
        while !interrupt.signal.isRequested {
            try? await Task.sleep(for: .milliseconds(250))
            // Restart services that exit by themselves, as a container restart policy would.
            for name in launcher.restartExited() { print("restarted \(name) (see its log)") }
        }
        print("\nstopping …")
        let statuses = launcher.stop()
        print("stopped: " + statuses.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
    }
}

/// Turns SIGINT and SIGTERM into a `StopSignal` instead of ending the process.
final class InterruptWatcher: @unchecked Sendable {
    let signal = StopSignal()
    private var sources: [any DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [signal] in signal.request() }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        sources.forEach { $0.cancel() }
    }
}
