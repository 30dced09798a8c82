import ArgumentParser
import SiftwireConsole
import SiftwireClient
import SiftwireStack
import Foundation
import SiftwireProtocol
import SiftwireResources
import SiftwireAccounts

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start the services, ingest the built-in demo corpus, show a few queries, and stop.")

    @Option(help: "Number of extractors to run.") var extractors = 2
    @Option(help: "Data directory (default: a fresh temporary directory, removed afterwards).") var data: String?
    @Option(help: "Log level of the services.") var logLevel = "info"
    @Flag(help: "Then keep the stack running with the web workbench, print its URL and a demo curator's sign-in, until Ctrl-C.")
    var serve = false
    @Option(help: "Where the web workbench listens with --serve, host:port (env SIFTWIRE_WEB_BIND).")
    var web = ProcessInfo.processInfo.environment["SIFTWIRE_WEB_BIND"] ?? "127.0.0.1:5580"

    func run() async throws {
        let temporary = data == nil
        let directory = data.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("siftwire-demo-\(UUID().uuidString.prefix(8))")
        var options = ServiceLauncher.Options(
            endpoints: try .freeLoopback(), dataDirectory: directory, extractors: extractors,
            binDirectory: ServiceLauncher.defaultBinDirectory())
        options.logLevel = logLevel
        let launcher = ServiceLauncher(options: options)
        defer {
            if temporary { try? FileManager.default.removeItem(at: directory) }
        }

        print("▶ starting ingest, index, query and \(extractors) extractor(s) on loopback …")
        do {
            try launcher.start()
            try DemoScript(client: try SiftwireClient(ingest: options.endpoints.ingest, query: options.endpoints.query)).run()
            if serve { try await serveWorkbench(launcher) }
        } catch {
            launcher.stop()
            throw error
        }
        print("\n▶ stopping the services …")
        let statuses = launcher.stop()
        let clean = statuses.values.allSatisfy { $0 == 0 }
        print(clean ? "all services stopped cleanly" : "exit statuses: \(statuses)")
    }
}

extension DemoCommand {
    /// Starts siftwire-web over the demo stack with a fresh curator account, prints where to sign in,
    /// and waits for Ctrl-C.
    func serveWorkbench(_ launcher: ServiceLauncher) async throws {
        let accounts = launcher.options.dataDirectory.appendingPathComponent("web/accounts.sqlite")
        let password = String(SecureRandom.token().prefix(16))
        do {
            _ = try AccountStore(path: accounts.path).addUser(name: "demo", role: .curator, password: password)
        } catch let error as AccountError {
            throw CommandFailure(error.description)
        }
        let url = try launcher.startWeb(bind: web, accounts: accounts)
        print("""

            ▶ the web workbench is up: \(url)
              sign in as demo / \(password) (curator), then try \(url)/search?q=Idleb
              press Ctrl-C to stop
            """)
        let interrupt = InterruptWatcher()
        while !interrupt.signal.isRequested {
            try? await Task.sleep(for: .milliseconds(250))
        }
    }
}

/// What the demo shows, against any running stack.
struct DemoScript {
    let client: SiftwireClient

    func run() throws {
        let corpus = try SiftwireResources.demoCorpus()
        print("▶ ingesting \(corpus.count) demo articles …")
        let ingestor = Ingestor(client: client)
        var summary = try call { () throws(SiftwireError) in
            try ingestor.submit(corpus.map { (name: $0.name, document: NewDocument(text: $0.text, source: "demo/\($0.name)")) })
        }
        try call { () throws(SiftwireError) in try ingestor.wait(for: summary.accepted + summary.duplicates, summary: &summary) }
        print(IngestReport(summary, waited: true).text)

        section("Index statistics")
        print(Rendering.stats(try ask(StatsQuery())))

        section("Search: Jindires")
        print(Rendering.search(try ask(SearchQuery(text: "Jindires", limit: 3))))

        section("Search: \"Tahrir al-Sham\" AND denied")
        print(Rendering.search(try ask(SearchQuery(text: "\"Tahrir al-Sham\" AND denied", limit: 3))))

        for name in ["al-Jolani", "Idleb"] {
            section("Entity profile: \(name)")
            print(Rendering.profile(try ask(EntityQuery(name: name, documentLimit: 5))))
        }

        section("Contradictions: who killed the Islamic State's leader?")
        print(Rendering.contradictions(try ask(ContradictionsQuery(eventType: "kill", limit: 1))))
    }

    private func ask<R: Request>(_ request: R) throws -> R.Reply {
        try call { () throws(SiftwireError) in try client.ask(request) }
    }

    private func section(_ title: String) {
        print("\n━━ \(title) " + String(repeating: "━", count: max(0, 60 - title.count)))
    }
}
