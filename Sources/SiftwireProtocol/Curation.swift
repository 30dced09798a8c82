/// Curation: an analyst's judgements about entity identity, stored by the index and applied to
/// everything already indexed and to every document indexed later.
///
/// - `query.merge` → `query.merge.reply`: `from` is the same entity as `into`.
/// - `query.split` → `query.split.reply`: the surface form `alias` does not name `entity`.
/// - `query.distinct` → `query.distinct.reply`: `a` and `b` are not the same (a later merge is refused).
///
/// Names resolve like `query.entity` (id, alias, name key; no fuzzy match), and ids merged away
/// resolve to the entity they were merged into.
public struct MergeEntities: Request {
    public typealias Reply = CurationResult.Merge
    public static let kind = MessageKind.queryMerge
    /// The entity that stays.
    public var into: String
    /// The entity that is the same as `into`; it disappears into it.
    public var from: String
    /// Who judged (the CLI sends the OS user name); default `unknown`.
    public var by: String?
    public var note: String?
    public init(into: String, from: String, by: String? = nil, note: String? = nil) {
        self.into = into
        self.from = from
        self.by = by
        self.note = note
    }
}

public struct SplitEntity: Request {
    public typealias Reply = CurationResult.Split
    public static let kind = MessageKind.querySplit
    /// The entity wrongly holding the alias.
    public var entity: String
    /// The surface form that is not this entity (compared by matching key, so spellings count).
    public var alias: String
    /// Display name of the new entity; default the alias's most mentioned spelling.
    public var newName: String?
    public var by: String?
    public var note: String?
    public init(entity: String, alias: String, newName: String? = nil, by: String? = nil, note: String? = nil) {
        self.entity = entity
        self.alias = alias
        self.newName = newName
        self.by = by
        self.note = note
    }
}

public struct DistinctEntities: Request {
    public typealias Reply = CurationResult.Distinct
    public static let kind = MessageKind.queryDistinct
    public var a: String
    public var b: String
    public var by: String?
    public var note: String?
    public init(a: String, b: String, by: String? = nil, note: String? = nil) {
        self.a = a
        self.b = b
        self.by = by
        self.note = note
    }
}

/// One recorded judgement, as stored.
public struct Judgement: Codable, Sendable, Hashable {
    /// `merge`, `split` or `distinct`.
    public var kind: String
    /// merge: `from`; split: the entity the alias was taken from; distinct: `a`.
    public var entity: String
    /// merge: `into`; split: the new entity; distinct: `b`.
    public var other: String
    /// split only: the surface form.
    public var alias: String?
    public var by: String
    /// ISO 8601 UTC time of the judgement.
    public var at: String
    public var note: String?
    public init(kind: String, entity: String, other: String, alias: String? = nil, by: String, at: String, note: String? = nil) {
        self.kind = kind
        self.entity = entity
        self.other = other
        self.alias = alias
        self.by = by
        self.at = at
        self.note = note
    }
}

public enum CurationResult {
    public struct Merge: MessageBody {
        public static let kind = MessageKind.queryMergeReply
        public var judgement: Judgement
        /// False when the pair was already merged: nothing was changed.
        public var changed: Bool
        public var mentionsMoved: Int
        public var documentsMoved: Int
        public var aliasesMoved: Int
        public init(judgement: Judgement, changed: Bool, mentionsMoved: Int, documentsMoved: Int, aliasesMoved: Int) {
            self.judgement = judgement
            self.changed = changed
            self.mentionsMoved = mentionsMoved
            self.documentsMoved = documentsMoved
            self.aliasesMoved = aliasesMoved
        }
    }

    public struct Split: MessageBody {
        public static let kind = MessageKind.querySplitReply
        public var judgement: Judgement
        /// The entity that now holds the alias (`<type>:split-<matching key>`).
        public var newEntity: String
        public var changed: Bool
        public var mentionsMoved: Int
        public var documentsMoved: Int
        public init(judgement: Judgement, newEntity: String, changed: Bool, mentionsMoved: Int, documentsMoved: Int) {
            self.judgement = judgement
            self.newEntity = newEntity
            self.changed = changed
            self.mentionsMoved = mentionsMoved
            self.documentsMoved = documentsMoved
        }
    }

    public struct Distinct: MessageBody {
        public static let kind = MessageKind.queryDistinctReply
        public var judgement: Judgement
        public var changed: Bool
        public init(judgement: Judgement, changed: Bool) {
            self.judgement = judgement
            self.changed = changed
        }
    }
}

extension EntityProfile {
    /// A judgement touching the profiled entity, seen from it: `other` is the entity on the other side.
    public struct JudgementRef: Codable, Sendable, Hashable {
        public var kind: String
        public var other: String
        public var alias: String?
        public var by: String
        public var at: String
        public var note: String?
        public init(kind: String, other: String, alias: String?, by: String, at: String, note: String?) {
            self.kind = kind
            self.other = other
            self.alias = alias
            self.by = by
            self.at = at
            self.note = note
        }
    }
}
