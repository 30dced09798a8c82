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
            return try timed(envelope, store) { (query: SearchQuery) throws(SiftwireError) in try store.search(query) }
        case .queryEntity:
            return try timed(envelope, store) { (query: EntityQuery) throws(SiftwireError) in try store.profile(query) }
        case .queryDoc:
            return envelope.reply(try store.document(envelope.decodeBody(DocumentQuery.self)))
        case .queryStats:
            return envelope.reply(try store.limitingTime { () throws(SiftwireError) in try store.stats() })
        case .queryEntities:
            return try timed(envelope, store) { (query: EntitiesQuery) throws(SiftwireError) in try store.entities(query) }
        case .queryComentions:
            return try timed(envelope, store) { (query: ComentionsQuery) throws(SiftwireError) in try store.comentions(query) }
        case .queryTimeline:
            return try timed(envelope, store) { (query: TimelineQuery) throws(SiftwireError) in try store.timeline(query) }
        case .queryClaims:
            return try timed(envelope, store) { (query: ClaimsQuery) throws(SiftwireError) in try store.claims(query) }
        case .queryContradictions:
            return try timed(envelope, store) { (query: ContradictionsQuery) throws(SiftwireError) in try store.contradictions(query) }
        case .querySources:
            return try timed(envelope, store) { (query: SourcesQuery) throws(SiftwireError) in try store.sources(query) }
        case .indexMatch:
            return try timed(envelope, store) { (request: IndexMatch) throws(SiftwireError) in try store.match(request) }
        default:
            throw SiftwireError(.unknownKind, "'\(envelope.kind.rawValue)' is not a read")
        }
    }

    /// Decodes the body as the read's query, runs the read under the store's time limit and encodes its result.
    private static func timed<Query: MessageBody, Result: MessageBody>(
        _ envelope: Envelope, _ store: IndexStore, _ read: (Query) throws(SiftwireError) -> Result
    ) throws(SiftwireError) -> Envelope {
        let query = try envelope.decodeBody(Query.self)
        return envelope.reply(try store.limitingTime { () throws(SiftwireError) in try read(query) })
    }
}
