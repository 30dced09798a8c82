import Foundation
import SiftwireProtocol
import SiftwireRuntime

/// `ingest.reprocess`: requeues indexed documents for the running extractors.
extension IngestRunner {
    func reprocess(_ request: ReprocessDocuments) throws(SiftwireError) -> ReprocessReply {
        if let ids = request.selection.ids, ids.count > Self.maxIDs {
            throw SiftwireError(.tooLarge, "\(ids.count) ids in one request; the limit is \(Self.maxIDs)")
        }
        let running = workers.engineVersions
        try IngestStore.validate(request.selection, runningVersions: running)
        let reply: ReprocessReply
        do {
            reply = try store.reprocess(request.selection, runningVersions: running)
        } catch let error as SiftwireError {
            throw error
        } catch {
            logger.error("store call failed", metadata: ["error": "\(error)"])
            throw SiftwireError(.internalError, "ingest store: \(error)")
        }
        logger.info("reprocess requested", metadata: [
            "reprocess.request": "\(reply.request)", "requeued": "\(reply.requeued)",
            "pending": "\(reply.pending)", "dead": "\(reply.dead)",
        ])
        return reply
    }
}
