import Foundation
import SiftwireConsole
import SiftwireProtocol

/// Submits documents in batches and, if asked, waits until each is indexed or dead.
public struct Ingestor {
    public struct Summary: Sendable, Equatable {
        public var accepted: [String] = []
        public var duplicates: [String] = []
        public var rejected: [(name: String, reason: String)] = []
        public var indexed = 0
        public var dead: [(id: String, reason: String)] = []

        public init() {}

        public static func == (a: Summary, b: Summary) -> Bool {
            a.accepted == b.accepted && a.duplicates == b.duplicates && a.indexed == b.indexed
                && a.rejected.map(\.name) == b.rejected.map(\.name) && a.dead.map(\.id) == b.dead.map(\.id)
        }
    }

    let client: SiftwireClient
    /// Documents per `ingest.submit`, and bytes per batch at most.
    var batchSize = 100
    var batchBytes = 8 << 20

    /// Fits batches to the limits ingest states (documents per submit, and a quarter of its
    /// message limit, leaving room for JSON escaping).
    public mutating func respect(_ limits: SubmitAccepted.Limits) {
        batchSize = max(1, min(batchSize, limits.maxBatch))
        batchBytes = max(1, min(batchBytes, limits.maxMessageBytes / 4))
    }
    var showProgress = isatty(STDERR_FILENO) == 1

    public init(client: SiftwireClient, showProgress: Bool = isatty(STDERR_FILENO) == 1) {
        self.client = client
        self.showProgress = showProgress
    }

    /// Submits `documents` (each named for error messages) in batches.
    public func submit(_ documents: [(name: String, document: NewDocument)]) throws(SiftwireError) -> Summary {
        var summary = Summary()
        var progress = ProgressBar(label: "submitting", total: documents.count, enabled: showProgress)
        var start = 0
        while start < documents.count {
            var end = start
            var bytes = 0
            while end < documents.count, end - start < batchSize, end == start || bytes + documents[end].document.text.utf8.count <= batchBytes {
                bytes += documents[end].document.text.utf8.count
                end += 1
            }
            let batch = documents[start..<end]
            let reply = try client.submit(batch.map(\.document))
            for (item, result) in zip(batch, reply.results) {
                switch result.outcome {
                case .accepted: summary.accepted.append(result.id ?? "")
                case .duplicate: summary.duplicates.append(result.id ?? "")
                case .rejected: summary.rejected.append((item.name, result.reason ?? "rejected"))
                }
            }
            start = end
            progress.update(start, detail: "accepted \(summary.accepted.count)")
        }
        progress.update(documents.count, detail: "accepted \(summary.accepted.count)", force: true)
        progress.finish()
        return summary
    }

    /// Waits until every id is indexed or dead; fills in the summary's indexed and dead counts.
    ///
    /// The queue is first in, first out, so each poll asks only about the oldest `window` ids still
    /// open: one small request per poll, however large the batch.
    public func wait(for ids: [String], summary: inout Summary, timeout: Duration = .seconds(3600), window: Int = 1000) throws(SiftwireError) {
        var unsettled = ids[...]
        var progress = ProgressBar(label: "indexing  ", total: ids.count, enabled: showProgress)
        let deadline = ContinuousClock.now + timeout
        while !unsettled.isEmpty {
            let head = Array(unsettled.prefix(window))
            var settled = Set<String>()
            for item in try client.track(head).documents {
                switch item.state {
                case .indexed:
                    settled.insert(item.id)
                    summary.indexed += 1
                case .dead:
                    settled.insert(item.id)
                    summary.dead.append((item.id, item.lastError ?? "failed"))
                case nil:
                    throw SiftwireError(.notFound, "ingest does not know document \(item.id); was its store reset?")
                case .queued, .leased:
                    break
                }
            }
            if !settled.isEmpty {
                unsettled = ArraySlice(head.filter { !settled.contains($0) } + unsettled.dropFirst(head.count))
            }
            progress.update(ids.count - unsettled.count, detail: "indexed \(summary.indexed)  dead \(summary.dead.count)")
            if unsettled.isEmpty { break }
            guard ContinuousClock.now < deadline else {
                throw SiftwireError(.unavailable, "\(unsettled.count) documents not indexed after \(timeout)")
            }
            if settled.count < head.count { Thread.sleep(forTimeInterval: 0.2) }
        }
        progress.update(ids.count, detail: "indexed \(summary.indexed)  dead \(summary.dead.count)", force: true)
        progress.finish()
    }
}
