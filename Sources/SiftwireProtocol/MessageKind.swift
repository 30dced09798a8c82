/// Every message kind on the wire. Requests and their replies are distinct kinds; `error` answers any request.
public enum MessageKind: String, Codable, Sendable, CaseIterable {
    // Any service
    case health = "health"
    case healthReply = "health.reply"
    case error = "error"
    case ack = "ack"

    // Ingest, client-facing
    case ingestSubmit = "ingest.submit"
    case ingestAccepted = "ingest.accepted"
    case ingestTrack = "ingest.track"
    case ingestTrackReply = "ingest.track.reply"
    case ingestStatus = "ingest.status"
    case ingestStatusReply = "ingest.status.reply"
    case ingestRetry = "ingest.retry"
    case ingestRetryReply = "ingest.retry.reply"
    case ingestReprocess = "ingest.reprocess"
    case ingestReprocessReply = "ingest.reprocess.reply"

    // Work channel: extractors ↔ ingest
    case workReady = "work.ready"
    case workAssign = "work.assign"
    case workHeartbeat = "work.heartbeat"
    case workFailed = "work.failed"
    case workReturn = "work.return"

    // Index writes: extractors → index, index → ingest
    case indexPut = "index.put"
    case indexStored = "index.stored"
    case indexCommitted = "index.committed"
    /// Published by the index (PUB) for each newly stored document.
    case indexDocument = "index.document"
    /// The query service asks the index which watches a new document matches.
    case indexMatch = "index.match"
    case indexMatchReply = "index.match.reply"

    // Queries: clients → query → index
    case querySearch = "query.search"
    case querySearchReply = "query.search.reply"
    case queryEntity = "query.entity"
    case queryEntityReply = "query.entity.reply"
    case queryDoc = "query.doc"
    case queryDocReply = "query.doc.reply"
    case queryStats = "query.stats"
    case queryStatsReply = "query.stats.reply"
    case queryEntities = "query.entities"
    case queryEntitiesReply = "query.entities.reply"
    case queryComentions = "query.comentions"
    case queryComentionsReply = "query.comentions.reply"
    case queryTimeline = "query.timeline"
    case queryTimelineReply = "query.timeline.reply"
    case queryClaims = "query.claims"
    case queryClaimsReply = "query.claims.reply"
    case queryContradictions = "query.contradictions"
    case queryContradictionsReply = "query.contradictions.reply"
    case querySources = "query.sources"
    case querySourcesReply = "query.sources.reply"

    // Curation: clients → query → index
    case queryMerge = "query.merge"
    case queryMergeReply = "query.merge.reply"
    case querySplit = "query.split"
    case querySplitReply = "query.split.reply"
    case queryDistinct = "query.distinct"
    case queryDistinctReply = "query.distinct.reply"

    // Alerts: watchlists in the query service, alerts published by it (PUB)
    case queryWatchAdd = "query.watch.add"
    case queryWatchAddReply = "query.watch.add.reply"
    case queryWatchList = "query.watch.list"
    case queryWatchListReply = "query.watch.list.reply"
    case queryWatchRemove = "query.watch.remove"
    case queryWatchRemoveReply = "query.watch.remove.reply"
    case queryAlert = "query.alert"

    // Feeds: clients → the feed poller
    case feedsAdd = "feeds.add"
    case feedsAddReply = "feeds.add.reply"
    case feedsList = "feeds.list"
    case feedsListReply = "feeds.list.reply"
    case feedsRemove = "feeds.remove"
    case feedsRemoveReply = "feeds.remove.reply"
}
