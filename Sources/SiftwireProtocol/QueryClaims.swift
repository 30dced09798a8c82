/// One side of a stored claim: the entity it names (when resolved) and the text as written.
public struct ClaimParty: Codable, Sendable, Hashable {
    /// Entity id, nil for an unnamed source or an unresolved description.
    public var entityID: String?
    /// The entity's name when resolved, else the text as written ("local sources").
    public var name: String
    /// The text as written in the document.
    public var text: String
    public init(entityID: String?, name: String, text: String) {
        self.entityID = entityID
        self.name = name
        self.text = text
    }
}

/// A claim as the index stores it, with its document.
public struct ClaimRecord: Codable, Sendable, Hashable {
    public struct Event: Codable, Sendable, Hashable {
        public var type: EventType
        public var trigger: String
        public var actor: ClaimParty?
        public var target: ClaimParty?
        public var location: ClaimParty?
        public var date: String?
        public var quantity: String?
        /// True when `quantity` is a running total over a period rather than one incident's toll.
        public var runningTotal: Bool?
        public init(type: EventType, trigger: String, actor: ClaimParty?, target: ClaimParty?, location: ClaimParty?, date: String?, quantity: String?,
                    runningTotal: Bool? = nil) {
            self.runningTotal = runningTotal
            self.type = type
            self.trigger = trigger
            self.actor = actor
            self.target = target
            self.location = location
            self.date = date
            self.quantity = quantity
        }
    }
    public var id: Int
    public var documentID: String
    public var documentTitle: String
    public var documentDate: String?
    /// The document's source (outlet, file or URL) when ingest was given one.
    public var source: String?
    /// Sentence index and its span in the document's raw text (Unicode code points).
    public var sentence: Int
    public var start: Int
    public var end: Int
    /// Nil when the outlet states it in its own narration.
    public var speaker: ClaimParty?
    public var verb: String?
    public var content: String?
    public var event: Event?
    public var polarity: ClaimPolarity
    public var modality: ClaimModality
    /// The document's metadata (outlet, URL, publication date…); absent when none is known.
    public var metadata: DocumentMetadata?
    public init(id: Int, documentID: String, documentTitle: String, documentDate: String?, source: String?, sentence: Int, start: Int, end: Int,
                speaker: ClaimParty?, verb: String?, content: String?, event: Event?, polarity: ClaimPolarity, modality: ClaimModality,
                metadata: DocumentMetadata? = nil) {
        self.metadata = metadata
        self.id = id
        self.documentID = documentID
        self.documentTitle = documentTitle
        self.documentDate = documentDate
        self.source = source
        self.sentence = sentence
        self.start = start
        self.end = end
        self.speaker = speaker
        self.verb = verb
        self.content = content
        self.event = event
        self.polarity = polarity
        self.modality = modality
    }
}

/// `query.claims` → `query.claims.reply`: stored claims, newest document first, filtered and paged.
///
/// Names (`speaker`, `actor`, `target`, `entity`) are resolved like `query.entity` without the fuzzy
/// fallback; an unknown name is `not_found`. `entity` matches a claim whose speaker, actor, target or
/// location is that entity. Dates filter on the event's date, or the document's when the event has none.
/// `document` (a document id, added 2026-12-05) keeps one document's claims.
public struct ClaimsQuery: Request {
    public typealias Reply = ClaimList
    public static let kind = MessageKind.queryClaims
    /// Largest page.
    public static let limitCap = 200
    public var speaker: String?
    public var actor: String?
    public var target: String?
    public var entity: String?
    /// kill, attack, arrest, accuse or deny.
    public var eventType: String?
    public var dateFrom: String?
    public var dateTo: String?
    /// Only the claims of this document (its id); an unknown id is no claims, not an error.
    public var document: String?
    /// 1…200 (default 20); larger values are capped.
    public var limit: Int
    public var offset: Int

    public init(speaker: String? = nil, actor: String? = nil, target: String? = nil, entity: String? = nil, eventType: String? = nil,
                dateFrom: String? = nil, dateTo: String? = nil, limit: Int = 20, offset: Int = 0, document: String? = nil) {
        self.document = document
        self.speaker = speaker
        self.actor = actor
        self.target = target
        self.entity = entity
        self.eventType = eventType
        self.dateFrom = dateFrom
        self.dateTo = dateTo
        self.limit = limit
        self.offset = offset
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        speaker = try c.decodeIfPresent(String.self, forKey: .speaker)
        actor = try c.decodeIfPresent(String.self, forKey: .actor)
        target = try c.decodeIfPresent(String.self, forKey: .target)
        entity = try c.decodeIfPresent(String.self, forKey: .entity)
        eventType = try c.decodeIfPresent(String.self, forKey: .eventType)
        dateFrom = try c.decodeIfPresent(String.self, forKey: .dateFrom)
        dateTo = try c.decodeIfPresent(String.self, forKey: .dateTo)
        document = try c.decodeIfPresent(String.self, forKey: .document)
        limit = try c.decodeIfPresent(Int.self, forKey: .limit) ?? 20
        offset = try c.decodeIfPresent(Int.self, forKey: .offset) ?? 0
    }

    public var names: [(field: String, value: String)] {
        [("speaker", speaker), ("actor", actor), ("target", target), ("entity", entity)].compactMap { f in f.1.map { (f.0, $0) } }
    }

    public func validate() throws(SiftwireError) {
        if let eventType { try Self.validate(eventType: eventType) }
        try QueryValidation.dateRange(from: dateFrom, to: dateTo)
        guard limit >= 1, offset >= 0 else { throw SiftwireError(.invalidArgument, "limit must be at least 1 and offset at least 0") }
        for (field, value) in names where value.allSatisfy(\.isWhitespace) { throw SiftwireError(.invalidArgument, "\(field) is empty") }
        if let document, document.allSatisfy(\.isWhitespace) { throw SiftwireError(.invalidArgument, "document is empty") }
    }

    static func validate(eventType: String) throws(SiftwireError) {
        guard EventType(rawValue: eventType) != nil else {
            throw SiftwireError(.invalidArgument, "eventType '\(eventType)' is not one of \(EventType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }
}

public struct ClaimList: MessageBody {
    public static let kind = MessageKind.queryClaimsReply
    /// Claims matching the filters (before paging).
    public var total: Int
    public var offset: Int
    public var claims: [ClaimRecord]
    /// The largest `limit` honoured.
    public var limitCap: Int
    public init(total: Int, offset: Int, claims: [ClaimRecord], limitCap: Int) {
        self.total = total
        self.offset = offset
        self.claims = claims
        self.limitCap = limitCap
    }
}

/// `query.contradictions` → `query.contradictions.reply`: groups of claims about the same event that disagree.
/// An event is a type and either a person target (claims within `windowDays` of each other) or a place finer
/// than a country (claims within two days of each other): members of a group killed in separate operations are
/// separate events. The accounts disagree when different stories assert different actors, a party denies (or
/// the text negates) what another asserts, or different outlets give incompatible tolls (a casualty dispute).
/// Each version lists its claims, so every side carries its claimants, outlets and documents.
public struct ContradictionsQuery: Request {
    public typealias Reply = Contradictions
    public static let kind = MessageKind.queryContradictions
    public static let limitCap = 50
    public static let claimsPerVersionCap = 20
    /// Only groups that involve this entity (as target, actor or speaker); resolved like `query.entity`.
    public var entity: String?
    /// kill, attack or arrest (default: all three).
    public var eventType: String?
    /// Claims belong to one event when their dates are at most this many days apart (default 180, 1…3650).
    public var windowDays: Int
    /// Groups returned, 1…50 (default 10).
    public var limit: Int

    public init(entity: String? = nil, eventType: String? = nil, windowDays: Int = 180, limit: Int = 10) {
        self.entity = entity
        self.eventType = eventType
        self.windowDays = windowDays
        self.limit = limit
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        entity = try c.decodeIfPresent(String.self, forKey: .entity)
        eventType = try c.decodeIfPresent(String.self, forKey: .eventType)
        windowDays = try c.decodeIfPresent(Int.self, forKey: .windowDays) ?? 180
        limit = try c.decodeIfPresent(Int.self, forKey: .limit) ?? 10
    }

    public func validate() throws(SiftwireError) {
        if let eventType {
            try ClaimsQuery.validate(eventType: eventType)
            guard eventType != EventType.accuse.rawValue, eventType != EventType.deny.rawValue else {
                throw SiftwireError(.invalidArgument, "contradictions are about kill, attack or arrest events, not '\(eventType)'")
            }
        }
        if let entity, entity.allSatisfy(\.isWhitespace) { throw SiftwireError(.invalidArgument, "entity is empty") }
        guard (1...3650).contains(windowDays) else { throw SiftwireError(.invalidArgument, "windowDays must be within 1…3650, got \(windowDays)") }
        guard limit >= 1 else { throw SiftwireError(.invalidArgument, "limit must be at least 1, got \(limit)") }
    }
}

public struct Contradictions: MessageBody {
    public static let kind = MessageKind.queryContradictionsReply
    public struct Version: Codable, Sendable, Hashable {
        /// Who did it according to this version (nil: the claims name no actor).
        public var actor: ClaimParty?
        /// asserted, or denied / negated.
        public var polarity: ClaimPolarity
        /// Distinct speakers of the version's claims (names; "the outlet" for narration).
        public var claimants: [String]
        public var documentIDs: [String]
        /// At most `claimsPerVersionCap`, oldest first.
        public var claims: [ClaimRecord]
        /// Distinct stories behind `documentIDs`: near-duplicate copies of one story count once.
        public var stories: Int?
        /// In a casualty dispute: the toll this version gives (its claims' largest figure per story).
        public var figure: Int?
        /// The outlets (document sources) that carry this version.
        public var outlets: [String]?
        public init(actor: ClaimParty?, polarity: ClaimPolarity, claimants: [String], documentIDs: [String], claims: [ClaimRecord],
                    stories: Int? = nil, figure: Int? = nil, outlets: [String]? = nil) {
            self.stories = stories
            self.figure = figure
            self.outlets = outlets
            self.actor = actor
            self.polarity = polarity
            self.claimants = claimants
            self.documentIDs = documentIDs
            self.claims = claims
        }
    }
    public struct Group: Codable, Sendable, Hashable {
        public var eventType: EventType
        public var target: ClaimParty
        /// Earliest and latest date of the group's claims.
        public var from: String?
        public var to: String?
        /// `conflicting actors`, `denial` and/or `different figures` (a casualty dispute).
        public var reasons: [String]
        public var versions: [Version]
        /// The place that makes the event one (events whose target is a person are one by the person alone).
        public var location: ClaimParty?
        public init(eventType: EventType, target: ClaimParty, from: String?, to: String?, reasons: [String], versions: [Version],
                    location: ClaimParty? = nil) {
            self.location = location
            self.eventType = eventType
            self.target = target
            self.from = from
            self.to = to
            self.reasons = reasons
            self.versions = versions
        }
    }
    public var groups: [Group]
    public init(groups: [Group]) { self.groups = groups }
}
