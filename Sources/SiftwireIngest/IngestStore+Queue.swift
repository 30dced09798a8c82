import Foundation
import GRDB
import SiftwireRuntime
import SiftwireProtocol

/// The durable work queue: leases, confirmations, failures and dead letters.
extension IngestStore {
    /// Leases up to `count` queued documents that are not suspect, oldest first, to `worker` until `now + lease`.
    /// Documents requeued by a reprocess come after new ones, so a large reprocess never holds up fresh news.
    /// Stops before the texts pass `maxBytes` in total (the first document is always taken), so one
    /// assignment fits in one message.
    public func leaseNext(count: Int, to worker: String, lease: TimeInterval, maxBytes: Int = .max, now: Date = Date()) throws -> [WorkItem] {
        try self.lease(suspect: false, count: count, to: worker, lease: lease, maxBytes: maxBytes, now: now)
    }

    /// Leases the oldest suspect document, to be sent alone to an otherwise idle extractor.
    public func leaseSuspect(to worker: String, lease: TimeInterval, now: Date = Date()) throws -> WorkItem? {
        try self.lease(suspect: true, count: 1, to: worker, lease: lease, maxBytes: .max, now: now).first
    }

    private func lease(suspect: Bool, count: Int, to worker: String, lease: TimeInterval, maxBytes: Int, now: Date) throws -> [WorkItem] {
        guard count > 0 else { return [] }
        return try db.write { db in
            let rows = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT id, hash, text, title, source, date, attempts, url, published, language, author, tags FROM document
                    WHERE state = 'queued' AND suspect = ? ORDER BY reprocessPending, seq LIMIT ?
                    """),
                arguments: [suspect, count])
            let expires = now.timeIntervalSince1970 + lease
            var bytes = 0
            var taken: [Row] = []
            for row in rows {
                let size = (row["text"] as String).utf8.count
                if !taken.isEmpty, bytes + size > maxBytes { break }
                bytes += size
                taken.append(row)
            }
            return try taken.map { row in
                let id: String = row["id"]
                let attempt = (row["attempts"] as Int) + 1
                try db.execute(
                    sql: "UPDATE document SET state = 'leased', attempts = ?, leaseWorker = ?, leaseExpiresAt = ? WHERE id = ?",
                    arguments: [attempt, worker, expires, id])
                return WorkItem(id: id, hash: row["hash"], text: row["text"], title: row["title"],
                                source: row["source"], date: row["date"], attempt: attempt,
                                url: row["url"], published: row["published"], language: row["language"],
                                author: row["author"], tags: TagsColumn.tags(row["tags"]))
            }
        }
    }

    /// Marks documents indexed (the index committed them). Idempotent; returns how many changed state.
    @discardableResult
    public func markIndexed(_ ids: [String], now: Date = Date()) throws -> Int {
        try markIndexed(ids.map { IndexCommitted.Item(id: $0, workerID: "") }, now: now)
    }

    /// Records a failed extraction: back to the queue, or dead once it has failed `maxFailures` times.
    public func recordFailure(id: String, reason: String, maxFailures: Int) throws {
        _ = try release(where: "id = ?", [id], reason: reason, countsAsFailure: true, maxFailures: maxFailures)
    }

    /// Returns expired leases to the queue. The holder was alive (or we would have dropped it), so
    /// the document is not at fault: this does not count toward dead-lettering. Returns their ids.
    @discardableResult
    public func releaseExpiredLeases(now: Date = Date()) throws -> [String] {
        try db.write { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM document WHERE state = 'leased' AND leaseExpiresAt < ?",
                                          arguments: [now.timeIntervalSince1970])
            for id in ids {
                try db.execute(
                    sql: """
                        UPDATE document SET state = 'queued', lastError = 'lease expired before the index confirmed the document',
                            leaseWorker = NULL, leaseExpiresAt = NULL
                        WHERE id = ?
                        """,
                    arguments: [id])
            }
            return ids
        }
    }

    /// Returns every lease held by `worker` to the queue: it vanished while holding them.
    ///
    /// That may be a document's doing (a poison document that crashes extractors), but which one
    /// is unknown when it held several: those become *suspect*, uncharged, and are redelivered one at
    /// a time to otherwise idle extractors. A holder lost with a single document charges it a failure.
    @discardableResult
    public func releaseLeases(of worker: String, reason: String, maxFailures: Int) throws -> Int {
        let held = try db.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document WHERE state = 'leased' AND leaseWorker = ?", arguments: [worker]) ?? 0
        }
        if held == 1 {
            return try release(where: "leaseWorker = ?", [worker], reason: reason, countsAsFailure: true, maxFailures: maxFailures)
        }
        return try db.write { db in
            try db.execute(
                sql: """
                    UPDATE document SET state = 'queued', suspect = 1, lastError = ?, leaseWorker = NULL, leaseExpiresAt = NULL
                    WHERE state = 'leased' AND leaseWorker = ?
                    """,
                arguments: [reason, worker])
            return db.changesCount
        }
    }

    private func release(where condition: String, _ arguments: StatementArguments, reason: String,
                         countsAsFailure: Bool, maxFailures: Int) throws -> Int {
        let increment = countsAsFailure ? 1 : 0
        return try db.write { db in
            try db.execute(
                sql: """
                    UPDATE document
                    SET failures = failures + \(increment),
                        state = CASE WHEN failures + \(increment) >= \(maxFailures) THEN 'dead' ELSE 'queued' END,
                        lastError = ?, leaseWorker = NULL, leaseExpiresAt = NULL
                    WHERE state = 'leased' AND \(condition)
                    """,
                arguments: [reason] + arguments)
            return db.changesCount
        }
    }

    /// Returns documents whose assignment could not be sent: they never left, so nothing is charged.
    public func releaseUnsent(_ ids: [String]) {
        _ = try? db.write { db in
            for id in ids {
                try db.execute(
                    sql: """
                        UPDATE document SET state = 'queued', attempts = MAX(attempts - 1, 0), leaseWorker = NULL, leaseExpiresAt = NULL
                        WHERE id = ? AND state = 'leased'
                        """,
                    arguments: [id])
            }
        }
    }

    /// An extractor handed these back unfinished (it is shutting down): requeued, uncharged.
    /// Only documents still leased to that worker are touched. Returns how many.
    public func returnLeases(_ ids: [String], from worker: String) throws -> Int {
        try db.write { db in
            var changed = 0
            for id in ids {
                try db.execute(
                    sql: """
                        UPDATE document SET state = 'queued', leaseWorker = NULL, leaseExpiresAt = NULL
                        WHERE id = ? AND state = 'leased' AND leaseWorker = ?
                        """,
                    arguments: [id, worker])
                changed += db.changesCount
            }
            return changed
        }
    }

    /// Returns dead documents to the queue with a fresh failure count (all of them when `ids` is empty).
    public func retryDead(_ ids: [String]) throws -> Int {
        try db.write { db in
            if ids.isEmpty {
                try db.execute(sql: "UPDATE document SET state = 'queued', failures = 0 WHERE state = 'dead'")
                return db.changesCount
            }
            var changed = 0
            for id in ids {
                try db.execute(sql: "UPDATE document SET state = 'queued', failures = 0 WHERE state = 'dead' AND id = ?", arguments: [id])
                changed += db.changesCount
            }
            return changed
        }
    }

    /// Documents in the dead-letter state with their reasons, oldest first.
    public func deadLetters(limit: Int = 100) throws -> [TrackReply.Item] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT id, attempts, failures, lastError FROM document WHERE state = 'dead' ORDER BY seq LIMIT ?", arguments: [limit])
                .map { TrackReply.Item(id: $0["id"], state: .dead, attempts: $0["attempts"], failures: $0["failures"], lastError: $0["lastError"]) }
        }
    }
}
