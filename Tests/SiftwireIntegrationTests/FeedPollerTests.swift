import Foundation
import SiftwireClient
import SiftwireFuzzing
import SiftwireProtocol
import SiftwireStack
import Testing

/// The feed poller (`siftwire-feeds`) against feeds served by a local HTTP server, with the real
/// ingest, extractor, index and query services: items become searchable with their outlet, link
/// and date; polls turn conditional (304); new items arrive; bad feeds back off without holding
/// up the good ones; a removed feed is no longer fetched; ingest going away loses nothing.
@Suite("Feed poller against a local HTTP server, end to end", .serialized)
struct FeedPollerTests {
    /// Polls every second at most; a failing feed waits 2, then 4 s.
    static let pollerArguments = ["--min-interval-seconds", "1", "--max-backoff-seconds", "4", "--http-timeout-seconds", "2",
                                  "--max-feed-bytes", "65536"]

    static func item(_ n: Int, word: String, day: Int) -> TestFeeds.Item {
        TestFeeds.Item(guid: "levant-\(n)", title: "Levant report \(n)", link: "http://levant.example/news/\(n)",
                       date: String(format: "%@, %02d Nov 2026 09:00:00 GMT", ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][(day + 6) % 7], day),
                       text: "Officials in Aleppo described the \(word) convoy that reached the city in report \(n).")
    }

    func waitFor(_ what: String, timeout: Duration = .seconds(60), _ condition: () throws -> Bool) throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? condition()) == true { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
        Issue.record("timed out waiting for \(what)")
        throw FeedServer.StartError(description: "timed out waiting for \(what)")
    }

    func hits(_ stack: TestStack, _ word: String) throws -> [SearchResults.Hit] {
        try stack.client.ask(SearchQuery(text: word, limit: 10)).hits
    }

    func feeds(_ endpoint: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try TestStack.siftwire(["feeds"] + arguments + ["--feeds", endpoint], captureErrors: true)
    }

    @Test func feedItemsBecomeSearchableOnceWhilePollsTurnConditionalAndBadFeedsBackOff() throws {
        let stack = try TestStack(extractors: 1, extraArguments: ["siftwire-feeds": Self.pollerArguments], feeds: true)
        defer { _ = stack.stop() }
        let server = try FeedServer(root: stack.directory.appendingPathComponent("www"))
        defer { server.stop() }
        let endpoint = stack.launcher.options.endpoints.feeds
        let control = try FeedsClient(endpoint: endpoint, timeout: .seconds(10))

        var rssItems = [Self.item(1, word: "zorvathic", day: 28), Self.item(2, word: "quillmaren", day: 29)]
        try server.write("rss.xml", TestFeeds.rss(title: "Levant Wire", rssItems))
        try server.write("atom.xml", TestFeeds.atom(title: "Idlib Monitor", [
            .init(guid: "urn:monitor:1", title: "Monitor one", link: "http://monitor.example/1", date: "2026-11-20T08:30:00Z",
                  text: "The monitor counted a brenthavic patrol near Saraqib."),
            .init(guid: "urn:monitor:2", title: "Monitor two", link: "http://monitor.example/2", date: "2026-11-21T08:30:00Z",
                  text: "The monitor reported a calduvine checkpoint near Ariha."),
        ]))
        try server.write("garbage.xml", "this is not a feed at all, just words and <b>tags")
        try server.write("big.xml", TestFeeds.rss(title: "Too Big", [Self.item(9, word: String(repeating: "x", count: 100_000), day: 1)]))

        // Managed with the CLI: two good feeds, a 404, garbage, one slower than the timeout and one
        // over the size limit; a bad URL is refused.
        for path in ["rss.xml", "atom.xml", "missing.xml", "garbage.xml", "slow.xml", "big.xml"] {
            let added = try feeds(endpoint, ["add", server.url(path), "--interval", "1"])
            #expect(added.status == 0, "\(added.output)")
            #expect(added.output.contains("polling \(server.url(path)) every 1 s"), "\(added.output)")
        }
        let refused = try feeds(endpoint, ["add", "ftp://levant.example/rss.xml"])
        #expect(refused.status != 0)
        #expect(refused.output.contains("[invalid_argument]"), "\(refused.output)")
        let tooOften = try feeds(endpoint, ["add", server.url("rss.xml"), "--interval", "0"])
        #expect(tooOften.status != 0 && tooOften.output.contains("[invalid_argument]"), "\(tooOften.output)")

        // Every item becomes searchable with its outlet, link and publication date.
        try waitFor("the four feed items to be searchable") {
            try ["zorvathic", "quillmaren", "brenthavic", "calduvine"].allSatisfy { try hits(stack, $0).count == 1 }
        }
        let rssHit = try #require(try hits(stack, "zorvathic").first)
        #expect(rssHit.title == "Levant report 1")
        #expect(rssHit.source == "Levant Wire" || rssHit.metadata?.source == "Levant Wire")
        #expect(rssHit.metadata?.url == "http://levant.example/news/1")
        #expect(rssHit.metadata?.published?.hasPrefix("2026-11-28") == true, "\(String(describing: rssHit.metadata))")
        #expect(rssHit.date == "2026-11-28")
        let atomHit = try #require(try hits(stack, "calduvine").first)
        #expect(atomHit.metadata?.source == "Idlib Monitor")
        #expect(atomHit.metadata?.url == "http://monitor.example/2")
        #expect(atomHit.date == "2026-11-21")

        // The next polls are conditional and answered 304 (the server counts them).
        try waitFor("conditional polls answered 304") {
            let rss = try server.stats("/rss.xml"), atom = try server.stats("/atom.xml")
            return rss.notModified >= 2 && atom.notModified >= 2
        }
        let rssStats = try server.stats("/rss.xml")
        #expect(rssStats.ifNoneMatch >= 2 && rssStats.ifModifiedSince >= 2, "\(rssStats)")

        // The bad feeds fail, back off, and say why; the good ones keep flowing meanwhile.
        try waitFor("the bad feeds to fail twice") {
            let list = try control.list().feeds
            let bad = list.filter { ["missing.xml", "garbage.xml", "slow.xml", "big.xml"].contains(URL(string: $0.url)?.lastPathComponent ?? "") }
            return bad.count == 4 && bad.allSatisfy { $0.consecutiveFailures >= 2 }
        }
        rssItems.append(Self.item(3, word: "velmorine", day: 30))
        try server.write("rss.xml", TestFeeds.rss(title: "Levant Wire", rssItems))
        try waitFor("the new item to arrive") { try hits(stack, "velmorine").count == 1 }
        let list = try control.list().feeds
        let missing = try #require(list.first { $0.url == server.url("missing.xml") })
        let garbage = try #require(list.first { $0.url == server.url("garbage.xml") })
        let good = try #require(list.first { $0.url == server.url("rss.xml") })
        #expect(missing.lastError == "HTTP 404" && missing.lastSuccessAt == nil)
        #expect(garbage.lastError?.hasPrefix("unreadable feed:") == true, "\(garbage.lastError ?? "")")
        let slow = try #require(list.first { $0.url == server.url("slow.xml") })
        #expect(slow.lastError == "timed out", "\(slow.lastError ?? "")")
        let big = try #require(list.first { $0.url == server.url("big.xml") })
        #expect(big.lastError?.hasPrefix("body is") == true && big.lastError?.contains("65536") == true, "\(big.lastError ?? "")")
        #expect(good.consecutiveFailures == 0 && good.lastError == nil && good.itemsSeen == 3 && good.etag != nil)
        let badRequests = try server.stats("/missing.xml").requests, goodRequests = try server.stats("/rss.xml").requests
        #expect(badRequests < goodRequests, "backing off: 404 fetched \(badRequests) times, the good feed \(goodRequests)")
        let listed = try feeds(endpoint, ["list"])
        #expect(listed.status == 0 && listed.output.contains("HTTP 404") && listed.output.contains(server.url("atom.xml")), "\(listed.output)")

        // A removed feed is no longer fetched; removing it again is not_found.
        let removed = try feeds(endpoint, ["remove", server.url("atom.xml")])
        #expect(removed.status == 0 && removed.output.contains("2 items seen"), "\(removed.output)")
        Thread.sleep(forTimeInterval: 1.5)
        let atomAfterRemoval = try server.stats("/atom.xml").requests
        Thread.sleep(forTimeInterval: 3)
        #expect(try server.stats("/atom.xml").requests == atomAfterRemoval)
        let again = try feeds(endpoint, ["remove", server.url("atom.xml")])
        #expect(again.status != 0 && again.output.contains("[not_found]"), "\(again.output)")
        #expect(try control.list().feeds.count == 5)

        // Ingest goes away while a new item is in the feed: polls defer it; it arrives, once, after ingest returns.
        stack.launcher.terminate("ingest")
        let polledBefore = try server.stats("/rss.xml").requests
        rssItems.append(Self.item(4, word: "trennoway", day: 30))
        try server.write("rss.xml", TestFeeds.rss(title: "Levant Wire", rssItems))
        try waitFor("polls while ingest is down") {
            let feed = try control.list().feeds.first { $0.url == server.url("rss.xml") }
            return try server.stats("/rss.xml").requests >= polledBefore + 2 && feed?.lastError?.hasPrefix("ingest:") == true
        }
        #expect(try control.list().feeds.first { $0.url == server.url("rss.xml") }?.itemsSeen == 3)
        try stack.launcher.restart("ingest")
        try waitFor("the deferred item after ingest returns") { try hits(stack, "trennoway").count == 1 }
        let recovered = try #require(try control.list().feeds.first { $0.url == server.url("rss.xml") })
        #expect(recovered.itemsSeen == 4 && recovered.lastError == nil)
        // Nothing twice: every item was submitted once and none came back as a duplicate.
        Thread.sleep(forTimeInterval: 2)
        let health = try control.health()
        #expect(health.details["submitted"] == "6" && health.details["duplicates"] == "0", "\(health.details)")
        for word in ["zorvathic", "quillmaren", "velmorine", "trennoway", "brenthavic", "calduvine"] {
            #expect(try hits(stack, word).count == 1, "\(word)")
        }
        #expect(stack.stop()["feeds"] == 0)
    }

    @Test func hostileMessagesAtTheFeedsEndpointAreRefusedAndTheServiceKeepsAnswering() throws {
        let stack = try TestStack(extractors: 1, extraArguments: ["siftwire-feeds": Self.pollerArguments], feeds: true)
        defer { _ = stack.stop() }
        let endpoint = stack.launcher.options.endpoints.feeds
        let flood = try FrameFlood.run(at: endpoint, seeds: ProtocolSamples.feeds, frames: min(FrameFlood.framesPerEndpoint, 5_000),
                                       seed: 1605, budget: .seconds(60))
        print("feeds flood: \(flood)")
        #expect(flood.sent > 0 && flood.errorReplies > 0)
        let control = try FeedsClient(endpoint: endpoint, timeout: .seconds(10))
        #expect(try control.health().service == "feeds")
        let added = try control.add(url: "http://127.0.0.1:9/after-flood.xml", intervalSeconds: 3600)
        #expect(added.created)
        #expect(try control.list().feeds.map(\.url).contains("http://127.0.0.1:9/after-flood.xml"))
        #expect(stack.stop()["feeds"] == 0)
    }

    @Test func withCurveTheFeedPollerServesKeyHoldersAndSubmitsThroughCurveToIngest() throws {
        let stack = try TestStack(extractors: 1, extraArguments: ["siftwire-feeds": Self.pollerArguments], curve: true, feeds: true)
        defer { _ = stack.stop() }
        let curve = try #require(stack.curve)
        let server = try FeedServer(root: stack.directory.appendingPathComponent("www"))
        defer { server.stop() }
        try server.write("rss.xml", TestFeeds.rss(title: "Curve Wire", [Self.item(1, word: "plosharine", day: 27)]))
        let endpoint = stack.launcher.options.endpoints.feeds

        // Without the stack's keys the CLI is refused; with them it is served.
        let refused = try feeds(endpoint, ["list", "--timeout", "2"])
        #expect(refused.status != 0, "\(refused.output)")
        let added = try TestStack.siftwire(["feeds", "add", server.url("rss.xml"), "--interval", "1", "--feeds", endpoint] + curve.clientArguments,
                                           captureErrors: true)
        #expect(added.status == 0, "\(added.output)")
        // The poller reaches ingest with the server pair, which is on the allow-list.
        try waitFor("the feed item through CURVE") { try hits(stack, "plosharine").count == 1 }
        let control = try FeedsClient(endpoint: endpoint, timeout: .seconds(10), curve: curve.clientSettings)
        #expect(try control.list().feeds.first?.itemsSeen == 1)
    }

    @Test func thePythonClientAddsListsAndRemovesFeeds() throws {
        let stack = try TestStack(extractors: 1, extraArguments: ["siftwire-feeds": Self.pollerArguments], feeds: true)
        defer { _ = stack.stop() }
        let (status, text, errorText) = try QueryKindsTests.runPython("feeds_example.py",
                                                                       arguments: [stack.launcher.options.endpoints.feeds, "http://127.0.0.1:9/levant.xml"])
        #expect(status == 0, "stderr: \(errorText)\nstdout: \(text)")
        #expect(text.hasSuffix("done\n"), "\(text)")
    }

    @Test func theFeedsCommandSaysNoServiceIsThereWithinASecond() throws {
        let nowhere = "tcp://127.0.0.1:\(try FreePort.find())"
        let client = try FeedsClient(endpoint: nowhere, timeout: .seconds(30))
        let started = ContinuousClock.now
        let error = try #require(throws: SiftwireError.self) { try client.list() }
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(error.code == .unavailable)
        #expect(error.message == "no Siftwire feeds service at \(nowhere); is `siftwire up` running?")

        let cliStarted = ContinuousClock.now
        let cli = try TestStack.siftwire(["feeds", "list", "--feeds", nowhere], captureErrors: true)
        #expect(cli.status != 0)
        #expect(cli.output.contains("no Siftwire feeds service at \(nowhere); is `siftwire up` running?"), "\(cli.output)")
        // The process's own start-up counts too; the waiting itself is 0.5 s.
        #expect(ContinuousClock.now - cliStarted < .seconds(3))
    }
}
