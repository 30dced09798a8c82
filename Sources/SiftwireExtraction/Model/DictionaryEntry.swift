/// One known actor, group or place: the unit of the seeded actor dictionary and of user additions.
public struct DictionaryEntry: Codable, Sendable, Hashable {
    /// Stable entity id (for example `org:hts`); becomes the cross-document id.
    public var id: String
    public var type: EntityType
    /// Canonical display name.
    public var name: String
    public var aliases: [String]

    public init(id: String, type: EntityType, name: String, aliases: [String]) {
        self.id = id
        self.type = type
        self.name = name
        self.aliases = aliases
    }
}
