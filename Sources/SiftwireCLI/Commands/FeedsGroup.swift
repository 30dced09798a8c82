import ArgumentParser
import Foundation
import SiftwireClient
import SiftwireConsole
import SiftwireProtocol
import SiftwireRuntime

/// `siftwire feeds add|list|remove`: the feeds the feed poller (`siftwire-feeds`) polls.
struct FeedsGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds", abstract: "Manage the RSS/Atom feed URLs the feed poller fetches into ingest.",
        subcommands: [FeedsAddCommand.self, FeedsListCommand.self, FeedsRemoveCommand.self])
}

/// Where the feed poller is.
struct FeedsOptions: ParsableArguments {
    @Option(help: "The feed poller's endpoint (env SIFTWIRE_FEEDS).")
    var feeds = Defaults.feeds
    @Option(help: "Seconds to wait for a reply.")
    var timeout = 30.0
    @OptionGroup var curve: CurveOptions

    func client() throws(SiftwireError) -> FeedsClient {
        let settings: CurveSettings?
        do {
            settings = try curve.settings(binds: false, connects: true)
        } catch {
            throw SiftwireError(.invalidArgument, error.description)
        }
        return try FeedsClient(endpoint: feeds, timeout: .milliseconds(Int(timeout * 1000)), curve: settings)
    }
}

struct FeedsAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Poll a feed URL (or change its interval).")
    @Argument(help: "The feed's http:// or https:// URL.") var url: String
    @Option(help: "Seconds between polls (default: the service's, 300).") var interval: Int?
    @Flag(help: "Print the reply as JSON.") var json = false
    @OptionGroup var options: FeedsOptions

    func run() async throws {
        let reply = try call { () throws(SiftwireError) in try options.client().add(url: url, intervalSeconds: interval) }
        if json { return printJSON(reply) }
        print((reply.created ? "polling " : "updated ") + "\(reply.feed.url) every \(reply.feed.intervalSeconds) s")
    }
}

struct FeedsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The polled feeds and how their polls went.")
    @Flag(help: "Print the reply as JSON.") var json = false
    @OptionGroup var options: FeedsOptions

    func run() async throws {
        let reply = try call { () throws(SiftwireError) in try options.client().list() }
        if json { return printJSON(reply) }
        if reply.feeds.isEmpty { return print("no feeds") }
        var table = Table("feed", "every", "items", "last success", "failures", "next poll", "last error")
        for feed in reply.feeds {
            table.add(feed.url, "\(feed.intervalSeconds) s", "\(feed.itemsSeen)", feed.lastSuccessAt ?? "never",
                      "\(feed.consecutiveFailures)", feed.nextPollAt, feed.lastError ?? "")
        }
        print(table.render())
    }
}

struct FeedsRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Stop polling a feed URL.")
    @Argument(help: "The feed's URL, as added.") var url: String
    @Flag(help: "Print the reply as JSON.") var json = false
    @OptionGroup var options: FeedsOptions

    func run() async throws {
        let reply = try call { () throws(SiftwireError) in try options.client().remove(url: url) }
        json ? printJSON(reply) : print("removed \(reply.feed.url) (\(reply.feed.itemsSeen) items seen)")
    }
}
