import ArgumentParser
import SiftwireConsole
import SiftwireClient
import SiftwireProtocol
import SiftwireRuntime

struct QueryGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "Ask the query service.",
        subcommands: [SearchCommand.self, EntityCommand.self, DocCommand.self, StatsCommand.self,
                      EntitiesCommand.self, ComentionsCommand.self, TimelineCommand.self, ClaimsCommand.self,
                      ContradictionsCommand.self, SourcesCommand.self])
}

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Full-text search (FTS5 syntax).")
    @Argument(help: "Words, \"phrases\", AND/OR/NOT, prefix*.") var text: [String]
    @Option(help: "Hits per page.") var limit = 10
    @Option(help: "Hits to skip.") var offset = 0
    @Option(help: "Only documents mentioning this entity (id or any name).") var entity: String?
    @Option(name: .customLong("type"), help: "Only documents mentioning an entity of this type (PERSON, ORG, LOCATION, NORP).") var entityType: String?
    @Option(name: .customLong("from"), help: "Only documents published (dated) on or after YYYY-MM-DD.") var dateFrom: String?
    @Option(name: .customLong("to"), help: "Only documents published (dated) on or before YYYY-MM-DD.") var dateTo: String?
    @Option(help: "Only documents from this outlet (source), in any case.") var source: String?
    @Flag(inversion: .prefixedNo, help: "Widen known names to all their spellings.") var expand = true
    @Flag(help: "List every copy of a near-duplicate story (by default one hit per story).") var allCopies = false
    @Flag(help: "Print the reply as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let query = SearchQuery(text: text.joined(separator: " "), limit: limit, offset: offset, entity: entity, entityType: entityType,
                                dateFrom: dateFrom, dateTo: dateTo, source: source, expand: expand ? nil : false,
                                allCopies: allCopies ? true : nil)
        let reply = try call { () throws(SiftwireError) in try client.client().askOrThrow(query) }
        json ? printJSON(reply) : print(Rendering.search(reply))
    }
}

struct EntityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "entity", abstract: "An entity's profile, by id or any name.")
    @Argument(help: "Entity id or any name or alias, in any transliteration.") var name: [String]
    @Option(help: "Documents to list.") var documents = 10
    @Flag(help: "Exact names only: no closest-match fallback.") var exact = false
    @Flag(help: "Print the reply as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let reply = try call { () throws(SiftwireError) in
            try client.client().askOrThrow(EntityQuery(name: name.joined(separator: " "), documentLimit: documents, fuzzy: exact ? false : nil))
        }
        json ? printJSON(reply) : print(Rendering.profile(reply))
    }
}

struct DocCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "doc", abstract: "A document with its entities and dates.")
    @Argument(help: "Document id, as ingest returned it.") var id: String
    @Flag(help: "Print the reply as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let reply = try call { () throws(SiftwireError) in try client.client().askOrThrow(DocumentQuery(id: id)) }
        json ? printJSON(reply) : print(Rendering.document(reply))
    }
}

struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Corpus counts and index size.")
    @Flag(help: "Print the reply as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let reply = try call { () throws(SiftwireError) in try client.client().askOrThrow(StatsQuery()) }
        json ? printJSON(reply) : print(Rendering.stats(reply))
    }
}

extension SiftwireClient {
    /// `ask`, for use inside `call { }` where creating the client may also fail.
    func askOrThrow<R: Request>(_ request: R) throws(SiftwireError) -> R.Reply {
        try ask(request)
    }
}

extension ClientOptions {
    /// The client, with a failure to create it reported as `unavailable`.
    func client() throws(SiftwireError) -> SiftwireClient {
        let settings: CurveSettings?
        do {
            settings = try curve.settings(binds: false, connects: true)
        } catch {
            throw SiftwireError(.invalidArgument, error.description)
        }
        do {
            return try SiftwireClient(ingest: ingest, query: query, timeout: .milliseconds(Int(timeout * 1000)), curve: settings)
        } catch {
            throw SiftwireError(.unavailable, "cannot reach the stack: \(error)")
        }
    }
}
