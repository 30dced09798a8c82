import ArgumentParser
import SiftwireConsole
import Foundation
import SiftwireProtocol

struct EntitiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities", abstract: "List entities ranked by mentions or documents; --prefix for autocomplete.")
    @Option(help: "Only this type: PERSON, ORG, LOCATION or NORP.") var type: String?
    @Option(help: "Name or alias prefix (case- and accent-insensitive).") var prefix: String?
    @Option(help: "Rank by mentions or documents.") var by = "mentions"
    @Option(help: "Entities per page (at most 200).") var limit = 20
    @Option(help: "Entities to skip.") var offset = 0
    @Flag(help: "Print the reply as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let query = EntitiesQuery(type: type, prefix: prefix, sort: by, limit: limit, offset: offset)
        let reply = try call { () throws(SiftwireError) in try client.client().askOrThrow(query) }
        json ? printJSON(reply) : print(Rendering.entities(reply, offset: offset))
    }
}

struct ComentionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comentions", abstract: "The co-mention graph around an entity, as a table, JSON or GraphML (Gephi).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, graphml }

    @Argument(help: "Entity id or any name or alias.") var name: [String]
    @Option(help: "1: neighbours; 2: also their neighbours.") var depth = 1
    @Option(help: "Smallest number of shared documents for an edge.") var minWeight = 1
    @Option(help: "Most nodes, the entity included (at most 200).") var limit = 50
    @Option(help: "table, json or graphml.") var format: Format = .table
    @Option(help: "Write to this file instead of standard output.") var out: String?
    @Flag(help: "Same as --format json.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let query = ComentionsQuery(name: name.joined(separator: " "), depth: depth, minWeight: minWeight, limit: limit)
        let graph = try call { () throws(SiftwireError) in try client.client().askOrThrow(query) }
        let text = switch json ? .json : format {
        case .table: Rendering.comentions(graph)
        case .json: jsonText(graph)
        case .graphml: Rendering.graphML(graph)
        }
        if let out {
            do {
                try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: out))
            } catch {
                throw CommandFailure("cannot write \(out): \(error.localizedDescription)")
            }
            print("wrote \(graph.nodes.count) nodes and \(graph.edges.count) edges to \(out)")
        } else {
            print(text)
        }
    }
}

struct TimelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline", abstract: "Mentions per day, week or month (document date) for one or more entities.")
    @Argument(help: "Entity ids or names, one per argument (quote names with spaces).") var names: [String]
    @Option(help: "day, week, month or year.") var bucket = "month"
    @Option(name: .customLong("from"), help: "First day, YYYY-MM-DD.") var dateFrom: String?
    @Option(name: .customLong("to"), help: "Last day, YYYY-MM-DD.") var dateTo: String?
    @Option(help: "Document ids listed per bucket (at most 50).") var documents = 10
    @Flag(help: "Print the reply as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let query = TimelineQuery(names: names, bucket: bucket, dateFrom: dateFrom, dateTo: dateTo, documentLimit: documents)
        let reply = try call { () throws(SiftwireError) in try client.client().askOrThrow(query) }
        json ? printJSON(reply) : print(Rendering.timeline(reply))
    }
}

/// Pretty JSON text, as `printJSON` prints it.
func jsonText<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
}
