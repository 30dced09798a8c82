import ArgumentParser
import Foundation
import SiftwireRuntime

/// Options shared by `up` and `demo`.
struct StackOptions: ParsableArguments {
    @Option(help: "Data directory for the services' stores and logs.")
    var data = Defaults.dataDirectory
    @Option(help: "Number of extractors to run.")
    var extractors = 2
    @Option(help: "First of four consecutive loopback ports (ingest, work, index, query).")
    var basePort = 5550
    @Option(help: "Log level of the services (their logs go to DATA/logs).")
    var logLevel = Defaults.logLevel

    func launcher(dataDirectory: URL? = nil) -> ServiceLauncher {
        var options = ServiceLauncher.Options(
            endpoints: .loopback(basePort: basePort),
            dataDirectory: dataDirectory ?? URL(fileURLWithPath: data),
            extractors: extractors, binDirectory: ServiceLauncher.defaultBinDirectory())
        options.logLevel = logLevel
        return ServiceLauncher(options: options)
    }
}

struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up", abstract: "Run the four services on loopback until interrupted.")

    @OptionGroup var stack: StackOptions

    func run() async throws {
        let launcher = stack.launcher()
        print("starting siftwire (data in \(launcher.options.dataDirectory.path)) …")
        do {
            try launcher.start()
        } catch {
            launcher.stop()
            throw error
        }
        let e = launcher.options.endpoints
        print("""
            siftwire is up with \(stack.extractors) extractor(s):
              ingest  \(e.ingest)   (clients: siftwire ingest, SIFTWIRE_INGEST)
              query   \(e.query)   (clients: siftwire query, SIFTWIRE_QUERY)
              work    \(e.work)   (extractors, index confirmations)
              index   \(e.index)   (extractors, query service)
              logs    \(launcher.logDirectory.path)
            press Ctrl-C to stop
            """)
        await Interrupt.wait()
        print("\nstopping …")
        let statuses = launcher.stop()
        print("stopped: " + statuses.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
    }
}

/// Waits for SIGINT or SIGTERM.
enum Interrupt {
    /// Keeps the signal sources alive while the stream is awaited.
    private final class Sources: @unchecked Sendable {
        var sources: [any DispatchSourceSignal] = []
    }

    static func wait() async {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let holder = Sources()
        let stream = AsyncStream<Void> { continuation in
            holder.sources = [SIGINT, SIGTERM].map { signal in
                let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
                source.setEventHandler { continuation.yield() }
                source.resume()
                return source
            }
        }
        for await _ in stream { break }
        holder.sources.forEach { $0.cancel() }
    }
}
