import SiftwireProtocol

/// The kinds the index answers from a reader thread, and how a reader answers one: decode the body,
/// run the read on the reader's own store under its time limit, encode the reply (or the error).
enum IndexReads {
    /// Reads: handed from the loop to the reader pool. Everything else (puts, curation, health)
    /// stays on the loop.
    static let kinds: Set<MessageKind> = [
        .querySearch, .queryEntity, .queryDoc, .queryStats, .queryEntities, .queryComentions, .queryTimeline,
        .queryClaims, .queryContradictions, .querySources, .indexMatch,
    ]

    /// The reply to a read: its result, or an `error` reply for bad input, a time limit or a failed read.
    static func answer(_ envelope: Envelope, with store: IndexStore) -> Envelope {
        do {
            return try reply(envelope, with: store)
        } catch {
            return envelope.reply(error: error)
        }
    }

    private static func reply(_ envelope: Envelope, with store: IndexStore) throws(SiftwireError) -> Envelope {
        switch envelope.kind {
        case .querySearch:
            let query = try envelope.decodeBody(SearchQuery.self)
            return envelope.reply(try store.limitingTime { () throws(SiftwireError) in try store.search(query) })
        case .queryEntity:
            let query = try envelope.decodeBody(EntityQuery.self)
            return envelope.reply(try store.limitingTime { () throws(SiftwireError) in try store.profile(query) })
        case .queryDoc:
            return envelope.reply(try store.document(envelope.decodeBody(DocumentQuery.self)))
        case .queryStats:
            return envelope.reply(try store.limitingTime { () throws(SiftwireError) in try store.stats() })
        case .queryEntities:
            let query = try envelope.decodeBody(EntitiesQuery.self)
            return envelope.reply(try store.limitingTime { () throws(SiftwireError) in try store.entities(query) })
        case .queryComentions:
            let query = try envelope.decodeBody(ComentionsQuery.self)
            return envelope.reply(try store.limitingTime { () throws(SiftwireError) in try store.comentions(query) })
        case .queryTimeline:
            let query = try envelope.decodeBody(TimelineQuery.self)
            return envelope.reply(try store.limitingTime { () throws(SiftwireError) in try store.timeline(query) })
        case .queryClaims:
            let query = try envelope.decodeBody(ClaimsQuery.self)
            return envelope.reply(try store.limitingTime { () throws(SiftwireError) in try store.claims(query) })
        case .queryContradictions:
            let query = try envelope.decodeBody(ContradictionsQuery.self)
            return envelope.reply(try store.limitingTime { () throws(SiftwireError) in try store.contradictions(query) })
        case .querySources:
            let query = try envelope.decodeBody(SourcesQuery.self)
            return envelope.reply(try store.limitingTime { () throws(SiftwireError) in try store.sources(query) })
        case .indexMatch:
            let request = try envelope.decodeBody(IndexMatch.self)
            return envelope.reply(try store.limitingTime { () throws(SiftwireError) in try store.match(request) })
        default:
            throw SiftwireError(.unknownKind, "'\(envelope.kind.rawValue)' is not a read")
        }
    }
}
