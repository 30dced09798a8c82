import ArgumentParser
import SiftwireConsole
import Foundation
import SiftwireProtocol

/// `siftwire curate merge|split|distinct`: an analyst's judgements about entity identity.
struct CurateGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curate", abstract: "Correct entity identity: merge, split off an alias, or mark two entities distinct.",
        subcommands: [MergeCommand.self, SplitCommand.self, DistinctCommand.self])
}

/// Who is judging, recorded with the judgement.
struct JudgementOptions: ParsableArguments {
    @Option(help: "Who judged (default: the OS user name).") var by: String?
    @Option(help: "Why, in a few words.") var note: String?
    @Flag(help: "Print the reply as JSON.") var json = false

    var user: String {
        if let by, !by.isEmpty { return by }
        let env = ProcessInfo.processInfo.environment
        if let name = env["USER"] ?? env["LOGNAME"], !name.isEmpty { return name }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }
}

struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "FROM is the same entity as INTO: move its mentions, aliases and documents to INTO.")
    @Argument(help: "The entity that disappears (id or any name).") var from: String
    @Argument(help: "The entity that stays (id or any name).") var into: String
    @OptionGroup var judgement: JudgementOptions
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let request = MergeEntities(into: into, from: from, by: judgement.user, note: judgement.note)
        let reply = try call { () throws(SiftwireError) in try client.client().askOrThrow(request) }
        if judgement.json { return printJSON(reply) }
        let j = reply.judgement
        print(reply.changed
              ? "merged \(j.entity) into \(j.other): \(reply.mentionsMoved) mention(s), \(reply.documentsMoved) document link(s), \(reply.aliasesMoved) alias(es) moved"
              : "\(j.entity) was already merged into \(j.other) (by \(j.by) at \(j.at)); nothing changed")
    }
}

struct SplitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split", abstract: "ALIAS does not name ENTITY: move its mentions to a new entity.")
    @Argument(help: "The entity wrongly holding the alias (id or any name).") var entity: String
    @Argument(help: "The surface form that is someone else (any spelling).") var alias: String
    @Option(help: "Display name of the new entity (default: the alias).") var name: String?
    @OptionGroup var judgement: JudgementOptions
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let request = SplitEntity(entity: entity, alias: alias, newName: name, by: judgement.user, note: judgement.note)
        let reply = try call { () throws(SiftwireError) in try client.client().askOrThrow(request) }
        if judgement.json { return printJSON(reply) }
        let j = reply.judgement
        print(reply.changed
              ? "split \"\(alias)\" off \(j.entity) as \(reply.newEntity): \(reply.mentionsMoved) mention(s) in \(reply.documentsMoved) document(s) moved"
              : "\"\(j.alias ?? alias)\" was already split off \(j.entity) as \(reply.newEntity) (by \(j.by) at \(j.at)); nothing changed")
    }
}

struct DistinctCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distinct", abstract: "A and B are different entities: refuse any later merge of the two.")
    @Argument(help: "Entity id or any name.") var a: String
    @Argument(help: "Entity id or any name.") var b: String
    @OptionGroup var judgement: JudgementOptions
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let request = DistinctEntities(a: a, b: b, by: judgement.user, note: judgement.note)
        let reply = try call { () throws(SiftwireError) in try client.client().askOrThrow(request) }
        if judgement.json { return printJSON(reply) }
        let j = reply.judgement
        print(reply.changed ? "recorded: \(j.entity) and \(j.other) are distinct"
                            : "\(j.entity) and \(j.other) were already judged distinct (by \(j.by) at \(j.at))")
    }
}
