import ArgumentParser
import SiftwireConsole
import Foundation
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// `siftwire watch`: follow alerts; `watch add|list|remove` manage the watchlists.
struct WatchGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Follow alerts for new documents matching watchlists, or manage the watchlists.",
        subcommands: [FollowCommand.self, WatchAddCommand.self, WatchListCommand.self, WatchRemoveCommand.self],
        defaultSubcommand: FollowCommand.self)
}

struct FollowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow", abstract: "Print alerts as they arrive, one line each, until Ctrl-C (the default).")
    @Option(help: "The query service's alert endpoint (env SIFTWIRE_QUERY_PUBLISH).") var queryPublish = Defaults.queryPublish
    @Flag(help: "Print each alert as one JSON line.") var json = false
    @OptionGroup var curve: CurveOptions

    func run() async throws {
        let context = ZMQContext()
        let socket = try ZMQSocket(context, .sub, options: SocketOptions.publishSubscribe.connecting(curve.settings(binds: false, connects: true)))
        try socket.connect(queryPublish)
        let interrupt = InterruptWatcher()
        FileHandle.standardError.write(Data("watching \(queryPublish) for alerts; Ctrl-C to stop\n".utf8))
        while !interrupt.signal.isRequested {
            guard let frames = try socket.receive(timeout: .milliseconds(200)) else { continue }
            guard let envelope = try? Envelope.decode(frames), envelope.kind == .queryAlert,
                  let alert = try? envelope.decodeBody(Alert.self) else { continue }
            // Written unbuffered, so a pipe sees each alert as it arrives.
            let line = json ? String(decoding: JSONCoding.encode(alert), as: UTF8.self)
                : "[\(alert.watch)] \(alert.document.date ?? "undated")  \(alert.document.title)  (\(alert.document.id); matched \(alert.matched))"
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        socket.close()
    }
}

struct WatchAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Watch an entity (--entity) or a search (--search).")
    @Argument(help: "Name of the watch.") var name: String
    @Option(help: "Entity id or any name.") var entity: String?
    @Option(help: "FTS5 query, as for `query search`.") var search: String?
    @Flag(help: "Print the reply as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let reply = try call { () throws(SiftwireError) in try client.client().askOrThrow(WatchAdd(name: name, entity: entity, search: search)) }
        json ? printJSON(reply) : print("watching '\(reply.watch.name)': " + Rendering.watchTarget(reply.watch))
    }
}

struct WatchListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The watchlists.")
    @Flag(help: "Print the reply as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let reply = try call { () throws(SiftwireError) in try client.client().askOrThrow(WatchListRequest()) }
        if json { return printJSON(reply) }
        if reply.watches.isEmpty { return print("no watches") }
        var table = Table("watch", "matches", "since")
        for watch in reply.watches { table.add(watch.name, Rendering.watchTarget(watch), watch.createdAt) }
        print(table.render())
    }
}

struct WatchRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Stop watching.")
    @Argument(help: "Name of the watch.") var name: String
    @Flag(help: "Print the reply as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let reply = try call { () throws(SiftwireError) in try client.client().askOrThrow(WatchRemove(name: name)) }
        json ? printJSON(reply) : print("removed '\(reply.watch.name)' (" + Rendering.watchTarget(reply.watch) + ")")
    }
}

extension Rendering {
    static func watchTarget(_ watch: Watch) -> String {
        if let entity = watch.entity { return "entity \(entity)" }
        return "search \(watch.search ?? "")"
    }
}
