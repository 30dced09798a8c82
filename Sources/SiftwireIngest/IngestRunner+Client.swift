import Foundation
import SiftwireMessaging
import SiftwireProtocol
import SiftwireRuntime

/// Client-facing requests: submit, track, status, retry, health.
extension IngestRunner {
    func handleClient(_ frames: Frames) {
        guard let request = clients.decode(frames) else { return }
        clients.answer(request) { envelope throws(SiftwireError) in
            switch envelope.kind {
            case .health:
                return envelope.reply(healthReply())
            case .ingestSubmit:
                return envelope.reply(try submit(envelope.decodeBody(SubmitDocuments.self)))
            case .ingestTrack:
                let ids = try envelope.decodeBody(TrackDocuments.self).ids
                try checkIDCount(ids.count)
                return envelope.reply(TrackReply(documents: try storeCall { try store.track(ids) }))
            case .ingestStatus:
                return envelope.reply(try status())
            case .ingestRetry:
                let ids = try envelope.decodeBody(RetryDeadDocuments.self).ids
                try checkIDCount(ids.count)
                let requeued = try storeCall { try store.retryDead(ids) }
                logger.info("dead letters requeued", metadata: ["count": "\(requeued)"])
                return envelope.reply(RetryReply(requeued: requeued))
            case .ingestReprocess:
                return envelope.reply(try reprocess(envelope.decodeBody(ReprocessDocuments.self)))
            default:
                throw SiftwireError(.unknownKind, "ingest's client endpoint does not answer '\(envelope.kind.rawValue)'")
            }
        }
    }

    private func submit(_ request: SubmitDocuments) throws(SiftwireError) -> SubmitAccepted {
        guard !request.documents.isEmpty else {
            throw SiftwireError(.invalidArgument, "documents is empty: send at least one document")
        }
        guard request.documents.count <= configuration.maxBatch else {
            throw SiftwireError(.tooLarge, "\(request.documents.count) documents in one submit; the limit is \(configuration.maxBatch)")
        }
        let results = try storeCall { try store.accept(request.documents, limits: configuration.limits) }
        for result in results where result.outcome == .accepted {
            logger.debug("document accepted", metadata: ["doc.id": "\(result.id ?? "")"])
        }
        return SubmitAccepted(results: results, limits: configuration.statedLimits)
    }

    /// Most ids in one `ingest.track` or `ingest.retry`.
    static let maxIDs = 10_000

    private func checkIDCount(_ count: Int) throws(SiftwireError) {
        guard count <= Self.maxIDs else {
            throw SiftwireError(.tooLarge, "\(count) ids in one request; the limit is \(Self.maxIDs)")
        }
    }

    private func status() throws(SiftwireError) -> PipelineStatus {
        let counts = try storeCall { try store.counts() }
        let dead = try storeCall { try store.deadLetters() }
        var status = PipelineStatus(
            received: counts.received, queued: counts.queued, leased: counts.leased, indexed: counts.indexed,
            dead: counts.dead, indexedPerSecond: Double(counts.indexedLastMinute) / 60,
            extractors: workers.status, deadLetters: dead)
        let running = workers.engineVersions
        let versions = try storeCall { try store.engineVersions(running: running) }
        status.engineVersions = versions.versions
        status.staleDocuments = versions.stale
        status.reprocessing = try storeCall { try store.reprocessProgress() }
        return status
    }

    /// Runs a store call, turning a database failure into an `internal` error reply.
    func storeCall<T>(_ body: () throws -> T) throws(SiftwireError) -> T {
        do {
            return try body()
        } catch {
            logger.error("store call failed", metadata: ["error": "\(error)"])
            throw SiftwireError(.internalError, "ingest store: \(error)")
        }
    }
}
