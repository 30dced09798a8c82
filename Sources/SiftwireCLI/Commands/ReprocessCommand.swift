import ArgumentParser
import Foundation
import SiftwireConsole
import SiftwireClient
import SiftwireProtocol
import SiftwireRuntime

struct ReprocessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reprocess",
        abstract: "Send stored documents back through the running extractors (after an engine or dictionary change).",
        discussion: """
            Ingest requeues the selected indexed documents in one transaction; the running extractors extract them
            again and the index replaces each document's entities, aliases, mentions, claims and aggregates when
            the engine version differs from the stored one. Queries are answered throughout. `siftwire status`
            shows how many documents are on each engine version.
            """)
    @Flag(help: "Every indexed document.") var all = false
    @Option(help: "Documents not extracted by engine version VERSION (and those with no recorded version).") var before: String?
    @Flag(help: "Documents on a version no running extractor runs.") var stale = false
    @Argument(help: "Document ids.") var ids: [String] = []
    @Flag(help: "Return once the documents are requeued, without waiting for them.") var noWait = false
    @Option(help: "Seconds to wait for the documents before giving up.") var waitTimeout = 86_400.0
    @Flag(help: "Print as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    struct Report: Encodable {
        var reply: ReprocessReply
        var progress: ReprocessProgress?
        var seconds: Double?
    }

    func validate() throws {
        let chosen = (all ? 1 : 0) + (before != nil ? 1 : 0) + (stale ? 1 : 0) + (ids.isEmpty ? 0 : 1)
        guard chosen == 1 else {
            throw ValidationError("choose exactly one of --all, --before VERSION, --stale or document ids")
        }
        if let before, before.isEmpty { throw ValidationError("--before needs a version (see `siftwire status`)") }
    }

    var selection: ReprocessDocuments.Selection {
        if all { return .everything }
        if let before { return .notOn(before) }
        if stale { return .staleDocuments }
        return .documents(ids)
    }

    func run() async throws {
        let siftwire = try call { () throws(SiftwireError) in try client.client() }
        let started = ContinuousClock.now
        let reply = try call { () throws(SiftwireError) in try siftwire.reprocess(selection) }
        if !json {
            var line = "requeued \(reply.requeued) document(s) (request \(reply.request))"
            if reply.pending > 0 { line += "; \(reply.pending) not yet indexed will be extracted by the running engine anyway" }
            if reply.dead > 0 { line += "; \(reply.dead) dead letter(s) left alone (siftwire retry)" }
            print(line)
        }
        guard !noWait, reply.requeued > 0 else {
            if json { printJSON(Report(reply: reply)) }
            return
        }
        let progress = try call { () throws(SiftwireError) in
            try wait(for: reply, siftwire: siftwire, deadline: started + .milliseconds(Int(waitTimeout * 1000)))
        }
        let seconds = (ContinuousClock.now - started).inSeconds
        if json {
            printJSON(Report(reply: reply, progress: progress, seconds: seconds))
        } else {
            print(String(format: "reprocessed %d document(s) in %.1fs (%.1f/s)%@", progress.done, seconds,
                         Double(progress.done) / max(seconds, 0.001), progress.dead > 0 ? " ; \(progress.dead) dead" : ""))
        }
        if progress.dead > 0 { throw ExitCode(2) }
    }

    /// Polls `ingest.status` until every requeued document is indexed again or dead.
    private func wait(for reply: ReprocessReply, siftwire: SiftwireClient, deadline: ContinuousClock.Instant)
        throws(SiftwireError) -> ReprocessProgress {
        var bar = ProgressBar(label: "reprocessing", total: reply.requeued, enabled: !json && isatty(STDERR_FILENO) == 1)
        while true {
            let status = try siftwire.status()
            guard let progress = status.reprocessing?.first(where: { $0.request == reply.request }) else {
                throw SiftwireError(.notFound, "ingest no longer reports reprocess request \(reply.request); was it restarted on another store?")
            }
            bar.update(progress.done, detail: "dead \(progress.dead)  queued \(status.queued)  leased \(status.leased)")
            if progress.done + progress.dead >= progress.total {
                bar.update(progress.done, detail: "dead \(progress.dead)", force: true)
                bar.finish()
                return progress
            }
            guard ContinuousClock.now < deadline else {
                throw SiftwireError(.unavailable, "\(progress.total - progress.done - progress.dead) document(s) not reprocessed in time; "
                                    + "they stay queued: follow them with `siftwire status`")
            }
            Thread.sleep(forTimeInterval: 0.25)
        }
    }
}
