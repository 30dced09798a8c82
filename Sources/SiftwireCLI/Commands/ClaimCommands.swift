import ArgumentParser
import SiftwireConsole
import SiftwireProtocol

struct ClaimsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims", abstract: "Attributed claims and events: who said what, who did what to whom.")
    @Option(help: "Only claims made by this entity (id or any name).") var speaker: String?
    @Option(help: "Only events with this actor.") var actor: String?
    @Option(help: "Only events with this target.") var target: String?
    @Option(help: "Only claims involving this entity as speaker, actor, target or place.") var entity: String?
    @Option(name: .customLong("type"), help: "Only events of this type: kill, attack, arrest, accuse, deny.") var eventType: String?
    @Option(name: .customLong("from"), help: "Only claims dated on or after YYYY-MM-DD (event date, else document date).") var dateFrom: String?
    @Option(name: .customLong("to"), help: "Only claims dated on or before YYYY-MM-DD.") var dateTo: String?
    @Option(help: "Only the claims of this document (its id).") var document: String?
    @Option(help: "Claims per page (at most 200).") var limit = 20
    @Option(help: "Claims to skip.") var offset = 0
    @Flag(help: "Print the reply as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let query = ClaimsQuery(speaker: speaker, actor: actor, target: target, entity: entity, eventType: eventType,
                                dateFrom: dateFrom, dateTo: dateTo, limit: limit, offset: offset, document: document)
        let reply = try call { () throws(SiftwireError) in try client.client().askOrThrow(query) }
        json ? printJSON(reply) : print(Rendering.claims(reply))
    }
}

struct ContradictionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contradictions",
        abstract: "Claims about the same event that disagree on who did it, or where one party denies what another asserts.")
    @Argument(help: "Only groups involving this entity (id or any name) as target, actor or speaker.") var entity: [String] = []
    @Option(name: .customLong("type"), help: "kill, attack or arrest (default: all).") var eventType: String?
    @Option(help: "Claims dated at most this many days apart belong to one event.") var windowDays = 180
    @Option(help: "Groups to show (at most 50).") var limit = 10
    @Flag(help: "Print the reply as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let query = ContradictionsQuery(entity: entity.isEmpty ? nil : entity.joined(separator: " "), eventType: eventType,
                                        windowDays: windowDays, limit: limit)
        let reply = try call { () throws(SiftwireError) in try client.client().askOrThrow(query) }
        json ? printJSON(reply) : print(Rendering.contradictions(reply))
    }
}
