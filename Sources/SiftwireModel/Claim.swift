/// The kinds of event the claim extractor recognises.
public enum EventType: String, Codable, Sendable, CaseIterable {
    case kill, attack, arrest, accuse, deny
}

/// Whether a claim asserts its content, or its speaker denies it, or the text negates it.
public enum ClaimPolarity: String, Codable, Sendable, CaseIterable {
    /// The content is put forward as true.
    case asserted
    /// The speaker denies it ("HTS denied killing him", "rejected the accusation").
    case denied
    /// The content is negated ("did not kill", "had not been arrested").
    case negated
}

/// How firmly the text puts a claim forward.
public enum ClaimModality: String, Codable, Sendable, CaseIterable {
    /// Stated as fact (by the speaker, or by the outlet in narration).
    case asserted
    /// An allegation: "allegedly", "reportedly", "it is believed", or an accusing / alleging verb.
    case alleged
}

/// One participant of a claim: a span of the raw text and, when it names a resolved entity, that entity's id.
///
/// `text` is the raw slice (offsets in Unicode code points, end exclusive, like entity mentions). For an
/// unnamed source ("local sources", "a statement") `entityID` is nil and `text` is the label. A pronoun or a
/// description ("him", "the group's leader") that the extractor resolved to an entity keeps its own text and
/// carries the entity's id.
public struct ClaimArgument: Codable, Sendable, Hashable {
    public var entityID: String?
    public var text: String
    public var start: Int
    public var end: Int
    /// For a nationality that acts ("Russian jets") or a state's own forces ("Syrian Arab Army"): the entity id
    /// of the one state it stands for (Russia, Syria),
    /// under which the index files the claim's actor. For an event's place that is a country: its own id (a
    /// place too wide to make two reports one event). Absent otherwise (and from engines before it).
    public var state: String?

    public init(entityID: String?, text: String, start: Int, end: Int, state: String? = nil) {
        self.entityID = entityID
        self.text = text
        self.start = start
        self.end = end
        self.state = state
    }
}

/// An event stated in a claim or in plain narration, with typed slots.
public struct ClaimEvent: Codable, Sendable, Hashable {
    public var type: EventType
    /// The word that signals the event ("killed", "death", "raid"), as a span of the raw text.
    public var trigger: Mention
    public var actor: ClaimArgument?
    public var target: ClaimArgument?
    public var location: ClaimArgument?
    /// The event's date (ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`), normalised like document dates; nil when the
    /// sentence gives none.
    public var date: String?
    /// A counted target or toll as written: "more than 100 fighters", "at least 13 people".
    public var quantity: String?
    /// True when the toll is a running total over a period ("killed since July 31", "so far this year"), not one
    /// incident's; absent otherwise (and from engines before 2026-12-05).
    public var runningTotal: Bool?

    public init(type: EventType, trigger: Mention, actor: ClaimArgument? = nil, target: ClaimArgument? = nil,
                location: ClaimArgument? = nil, date: String? = nil, quantity: String? = nil, runningTotal: Bool? = nil) {
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

/// An attributed statement and/or an event, with its provenance in the document.
///
/// A claim with a `speaker` is attributed ("ISIS accused HTS of killing him"); one without is stated by the
/// outlet itself in narration. `sentence` is the 0-based index of the sentence in the repaired text; `start`
/// and `end` are the sentence's span in the raw text.
public struct ExtractedClaim: Codable, Sendable, Hashable {
    public var sentence: Int
    public var start: Int
    public var end: Int
    public var speaker: ClaimArgument?
    /// The reporting verb's lemma: say, claim, announce, accuse, deny, refute, confirm, assert, allege.
    public var verb: String?
    /// The reporting verb as written ("accused", "says"), with its span.
    public var verbMention: Mention?
    /// What the speaker is reported to have said.
    public var content: Mention?
    public var event: ClaimEvent?
    public var polarity: ClaimPolarity
    public var modality: ClaimModality

    public init(sentence: Int, start: Int, end: Int, speaker: ClaimArgument?, verb: String?, verbMention: Mention?,
                content: Mention?, event: ClaimEvent?, polarity: ClaimPolarity, modality: ClaimModality) {
        self.sentence = sentence
        self.start = start
        self.end = end
        self.speaker = speaker
        self.verb = verb
        self.verbMention = verbMention
        self.content = content
        self.event = event
        self.polarity = polarity
        self.modality = modality
    }

    /// Every entity the claim involves (speaker, actor, target, location).
    public var entityIDs: [String] {
        var out = [String]()
        for id in [speaker?.entityID, event?.actor?.entityID, event?.target?.entityID, event?.location?.entityID] {
            if let id, !out.contains(id) { out.append(id) }
        }
        return out
    }
}
