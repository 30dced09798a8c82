import SiftwireProtocol

/// The rules a client query must pass before it is forwarded to the index: one validator per
/// message kind, in one table. Each decodes the body as its kind's payload (so a malformed body is
/// refused here, never by the index) and applies that kind's checks in a fixed order; the index
/// receives the client's bytes unchanged.
struct QueryValidators: Sendable {
    /// A kind the query service forwards: how to check it, and the reply kind the index answers with.
    struct Rule: Sendable {
        let reply: MessageKind
        let check: @Sendable (Envelope, QueryValidators) throws(SiftwireError) -> Void
    }

    /// Longest text field, in characters (`--max-query-length`).
    let maxQueryLength: Int

    static let table: [MessageKind: Rule] = [
        .querySearch: Rule(reply: .querySearchReply) { envelope, rules throws(SiftwireError) in
            let query = try envelope.decodeBody(SearchQuery.self)
            try rules.text(query.text, field: "text")
            try query.validate()
            if let entity = query.entity { try rules.text(entity, field: "entity") }
            if let source = query.source { try rules.text(source, field: "source") }
        },
        .queryEntity: Rule(reply: .queryEntityReply) { envelope, rules throws(SiftwireError) in
            try rules.text(envelope.decodeBody(EntityQuery.self).name, field: "name")
        },
        .queryDoc: Rule(reply: .queryDocReply) { envelope, rules throws(SiftwireError) in
            try rules.text(envelope.decodeBody(DocumentQuery.self).id, field: "id")
        },
        .queryStats: Rule(reply: .queryStatsReply) { envelope, _ throws(SiftwireError) in
            _ = try envelope.decodeBody(StatsQuery.self)
        },
        .querySources: Rule(reply: .querySourcesReply) { envelope, rules throws(SiftwireError) in
            let query = try envelope.decodeBody(SourcesQuery.self)
            try query.validate()
            try rules.optional(query.prefix, field: "prefix")
        },
        .queryEntities: Rule(reply: .queryEntitiesReply) { envelope, rules throws(SiftwireError) in
            let query = try envelope.decodeBody(EntitiesQuery.self)
            try query.validate()
            if let prefix = query.prefix { try rules.text(prefix, field: "prefix") }
        },
        .queryComentions: Rule(reply: .queryComentionsReply) { envelope, rules throws(SiftwireError) in
            let query = try envelope.decodeBody(ComentionsQuery.self)
            try rules.text(query.name, field: "name")
            try query.validate()
        },
        .queryTimeline: Rule(reply: .queryTimelineReply) { envelope, rules throws(SiftwireError) in
            let query = try envelope.decodeBody(TimelineQuery.self)
            try query.validate()
            for name in query.names { try rules.text(name, field: "names[]") }
        },
        .queryClaims: Rule(reply: .queryClaimsReply) { envelope, rules throws(SiftwireError) in
            let query = try envelope.decodeBody(ClaimsQuery.self)
            try query.validate()
            for (field, name) in query.names { try rules.text(name, field: field) }
            try rules.optional(query.document, field: "document")
        },
        .queryContradictions: Rule(reply: .queryContradictionsReply) { envelope, rules throws(SiftwireError) in
            let query = try envelope.decodeBody(ContradictionsQuery.self)
            try query.validate()
            try rules.optional(query.entity, field: "entity")
        },
        .queryMerge: Rule(reply: .queryMergeReply) { envelope, rules throws(SiftwireError) in
            let request = try envelope.decodeBody(MergeEntities.self)
            try rules.text(request.into, field: "into")
            try rules.text(request.from, field: "from")
            try rules.optional(request.by, field: "by")
            try rules.optional(request.note, field: "note")
        },
        .querySplit: Rule(reply: .querySplitReply) { envelope, rules throws(SiftwireError) in
            let request = try envelope.decodeBody(SplitEntity.self)
            try rules.text(request.entity, field: "entity")
            try rules.text(request.alias, field: "alias")
            try rules.optional(request.newName, field: "newName")
            try rules.optional(request.by, field: "by")
            try rules.optional(request.note, field: "note")
        },
        .queryDistinct: Rule(reply: .queryDistinctReply) { envelope, rules throws(SiftwireError) in
            let request = try envelope.decodeBody(DistinctEntities.self)
            try rules.text(request.a, field: "a")
            try rules.text(request.b, field: "b")
            try rules.optional(request.by, field: "by")
            try rules.optional(request.note, field: "note")
        },
    ]

    /// A required text field: not blank, and no longer than the limit.
    func text(_ text: String, field: String) throws(SiftwireError) {
        if text.allSatisfy(\.isWhitespace) {
            throw SiftwireError(.invalidArgument, "\(field) is empty")
        }
        try optional(text, field: field)
    }

    /// An optional text field: no longer than the limit.
    func optional(_ text: String?, field: String) throws(SiftwireError) {
        if let text, text.count > maxQueryLength {
            throw SiftwireError(.tooLarge, "\(field) is \(text.count) characters; the limit is \(maxQueryLength)")
        }
    }
}
