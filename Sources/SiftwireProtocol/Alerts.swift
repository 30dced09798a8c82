/// Alerts: watchlists kept by the query service, documents announced by the index, alerts
/// published by the query service. Announcements and alerts travel on PUB sockets: a subscriber
/// that is not connected, or too slow (over its high-water mark), misses them by design.

/// Published by the index on its PUB socket for each newly stored document (not for a re-stored duplicate).
public struct DocumentAnnouncement: MessageBody {
    public static let kind = MessageKind.indexDocument
    public var id: String
    public var title: String
    public var date: String?
    public var source: String?
    /// The document's entity ids as stored (after curation judgements).
    public var entities: [String]
    public init(id: String, title: String, date: String?, source: String?, entities: [String]) {
        self.id = id
        self.title = title
        self.date = date
        self.source = source
        self.entities = entities
    }
}

/// `index.match` → `index.match.reply`: which of these watched entities and searches a stored document matches.
public struct IndexMatch: Request {
    public typealias Reply = IndexMatchReply
    public static let kind = MessageKind.indexMatch
    public var documentID: String
    /// Entity ids or names; merged-away ids follow their merges.
    public var entities: [String]
    /// FTS5 queries (with name expansion, as `query.search`).
    public var searches: [String]
    public init(documentID: String, entities: [String], searches: [String]) {
        self.documentID = documentID
        self.entities = entities
        self.searches = searches
    }
}

public struct IndexMatchReply: MessageBody {
    public static let kind = MessageKind.indexMatchReply
    public struct EntityMatch: Codable, Sendable, Hashable {
        /// As asked.
        public var name: String
        /// The entity it resolved to, which the document mentions.
        public var entityID: String
        public init(name: String, entityID: String) {
            self.name = name
            self.entityID = entityID
        }
    }
    public var entities: [EntityMatch]
    /// The asked searches that match the document, as asked.
    public var searches: [String]
    public init(entities: [EntityMatch], searches: [String]) {
        self.entities = entities
        self.searches = searches
    }
}

/// A saved query the query service matches every new document against.
public struct Watch: Codable, Sendable, Hashable {
    public var name: String
    /// Entity watch: the entity id (resolved when the watch was added).
    public var entity: String?
    /// Search watch: an FTS5 query.
    public var search: String?
    /// ISO 8601 UTC.
    public var createdAt: String
    public init(name: String, entity: String?, search: String?, createdAt: String) {
        self.name = name
        self.entity = entity
        self.search = search
        self.createdAt = createdAt
    }
}

/// `query.watch.add` → `query.watch.add.reply`: exactly one of `entity` or `search`.
public struct WatchAdd: Request {
    public typealias Reply = WatchAdded
    public static let kind = MessageKind.queryWatchAdd
    public static let maxNameLength = 100
    public var name: String
    public var entity: String?
    public var search: String?
    public init(name: String, entity: String? = nil, search: String? = nil) {
        self.name = name
        self.entity = entity
        self.search = search
    }

    public func validate() throws(SiftwireError) {
        if name.allSatisfy(\.isWhitespace) { throw SiftwireError(.invalidArgument, "name is empty") }
        if name.count > Self.maxNameLength {
            throw SiftwireError(.tooLarge, "name is \(name.count) characters; the limit is \(Self.maxNameLength)")
        }
        switch (entity, search) {
        case (nil, nil), (.some, .some):
            throw SiftwireError(.invalidArgument, "give exactly one of 'entity' or 'search'")
        case let (.some(text), nil), let (nil, .some(text)):
            if text.allSatisfy(\.isWhitespace) { throw SiftwireError(.invalidArgument, "\(entity != nil ? "entity" : "search") is empty") }
        }
    }
}

public struct WatchAdded: MessageBody {
    public static let kind = MessageKind.queryWatchAddReply
    public var watch: Watch
    public init(watch: Watch) { self.watch = watch }
}

/// `query.watch.list` → `query.watch.list.reply`, by name.
public struct WatchListRequest: Request {
    public typealias Reply = WatchList
    public static let kind = MessageKind.queryWatchList
    public init() {}
}

public struct WatchList: MessageBody {
    public static let kind = MessageKind.queryWatchListReply
    public var watches: [Watch]
    public init(watches: [Watch]) { self.watches = watches }
}

/// `query.watch.remove` → `query.watch.remove.reply`; `not_found` when no watch has the name.
public struct WatchRemove: Request {
    public typealias Reply = WatchRemoved
    public static let kind = MessageKind.queryWatchRemove
    public var name: String
    public init(name: String) { self.name = name }
}

public struct WatchRemoved: MessageBody {
    public static let kind = MessageKind.queryWatchRemoveReply
    public var watch: Watch
    public init(watch: Watch) { self.watch = watch }
}

/// Published by the query service on its PUB socket when a new document matches a watch.
public struct Alert: MessageBody {
    public static let kind = MessageKind.queryAlert
    public struct Document: Codable, Sendable, Hashable {
        public var id: String
        public var title: String
        public var date: String?
        public init(id: String, title: String, date: String?) {
            self.id = id
            self.title = title
            self.date = date
        }
    }
    /// The watch's name.
    public var watch: String
    public var document: Document
    /// Entity watch: the entity id the document mentions; search watch: the search text.
    public var matched: String
    public init(watch: String, document: Document, matched: String) {
        self.watch = watch
        self.document = document
        self.matched = matched
    }
}
