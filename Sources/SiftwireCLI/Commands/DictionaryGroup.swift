import ArgumentParser
import SiftwireConsole
import Foundation
import SiftwireExtract
import SiftwireExtraction
import SiftwireRuntime

struct DictionaryGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dictionary", abstract: "The extractors' actor dictionary (seeded, extendable).",
        subcommands: [DictionaryAdd.self, DictionaryList.self])
}

extension EntityType: ExpressibleByArgument {}

struct DictionaryAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a name, or aliases to a known id, in the extractor store under --data (takes effect when extractors restart).")

    @Option(help: "Entity id, e.g. person:abu-example; an existing id gets the aliases added.") var id: String
    @Option(help: "PERSON, ORG, LOCATION or NORP.") var type: EntityType
    @Option(help: "Display name.") var name: String
    @Option(name: .customLong("alias"), help: "An alias (repeat for several).") var aliases: [String] = []
    @Option(help: "Data directory (env SIFTWIRE_DATA).") var data = Defaults.dataDirectory

    func run() async throws {
        guard !name.allSatisfy(\.isWhitespace), !id.allSatisfy(\.isWhitespace) else { throw CommandFailure("--id and --name must not be empty") }
        let store = try ExtractStore(path: StoreLayout(data: data).extract)
        _ = try SeedDictionary.prepare(store)
        try store.addUserEntry(DictionaryEntry(id: id, type: type, name: name, aliases: aliases))
        print("added \(id) (\(type.rawValue)) \(name)" + (aliases.isEmpty ? "" : " aka " + aliases.joined(separator: ", ")))
    }
}

struct DictionaryList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List dictionary entries.")
    @Option(help: "Data directory (env SIFTWIRE_DATA).") var data = Defaults.dataDirectory
    @Option(help: "Only entries of this type.") var type: EntityType?

    func run() async throws {
        var table = Table("id", "type", "name", "aliases")
        for entry in try SeedDictionary.local(StoreLayout(data: data)) where type == nil || entry.type == type {
            table.add(entry.id, entry.type.rawValue, entry.name, entry.aliases.joined(separator: " | "))
        }
        print(table.render(maxColumnWidth: 80))
    }
}
