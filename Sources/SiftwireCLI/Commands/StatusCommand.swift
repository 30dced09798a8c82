import ArgumentParser
import SiftwireConsole
import SiftwireProtocol

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Each service's health, the pipeline counts and connected extractors.")
    @Flag(help: "Print as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    struct Report: Encodable {
        var services: [String: HealthReply?]
        var pipeline: PipelineStatus?
        var engineVersions: EngineVersionReport?
    }

    func run() async throws {
        let client = try call { () throws(SiftwireError) in try self.client.client() }
        client.timeout = .seconds(3)
        try? client.connectBoth()
        let ingest = try? client.ingestHealth()
        let query = try? client.queryHealth()
        let pipeline = ingest == nil ? nil : try? client.status()
        let stats = query == nil ? nil : try? client.ask(StatsQuery())
        let versions = EngineVersionReport(stats: stats, pipeline: pipeline)
        if json {
            printJSON(Report(services: ["ingest": ingest, "query": query], pipeline: pipeline, engineVersions: versions))
        } else {
            let health = [("ingest \(client.ingestEndpoint)", ingest.map { "\($0.status), up \(Int($0.uptimeSeconds))s" } ?? "not answering"),
                          ("query  \(client.queryEndpoint)", query.map { "\($0.status), up \(Int($0.uptimeSeconds))s" } ?? "not answering")]
            if let pipeline {
                print(Rendering.status(pipeline, health: health))
                if let versions { print("\n" + Rendering.engineVersions(versions)) }
            } else {
                print(health.map { "\($0.0): \($0.1)" }.joined(separator: "\n"))
            }
        }
        if ingest == nil || query == nil { throw ExitCode(3) }
    }
}

struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Put dead-lettered documents back in the queue (all of them without ids).")
    @Argument(help: "Document ids; none means every dead document.") var ids: [String] = []
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let reply = try call { () throws(SiftwireError) in try client.client().retry(ids) }
        print("requeued \(reply.requeued) document(s)")
    }
}
