import Foundation
import GRDB
import SiftwireExtraction
import SiftwireProtocol

/// Name resolution for reads: which stored entity a name a user typed refers to.
extension IndexStore {
    /// The entity a name refers to, with how: `id`, `merged` (an id merged into it), `alias` or `name`.
    static func resolve(_ db: Database, _ name: String) throws -> (id: String, match: String)? {
        if let id = try String.fetchOne(db, sql: "SELECT id FROM entity WHERE id = ?", arguments: [name]) { return (id, "id") }
        if try String.fetchOne(db, sql: "SELECT otherId FROM judgement WHERE kind = 'merge' AND entityId = ?", arguments: [name]) != nil {
            let id = try CurationRules.load(db).canonical(name)
            if try String.fetchOne(db, sql: "SELECT id FROM entity WHERE id = ?", arguments: [id]) != nil { return (id, "merged") }
        }
        let key = MatchingKey.key(name)
        if let id = try String.fetchOne(db, sql: """
            SELECT entityId FROM alias WHERE matchKey = ?
            GROUP BY entityId ORDER BY SUM(count) DESC LIMIT 1
            """, arguments: [key]) { return (id, "alias") }
        if let id = try String.fetchOne(db, sql: "SELECT id FROM entity WHERE matchKey = ? LIMIT 1", arguments: [key]) { return (id, "name") }
        // "al-Qurashi" for a stored "Qurashi" and the other way round
        let other = key.hasPrefix("al ") ? String(key.dropFirst(3)) : "al " + key
        if other.contains(where: \.isLetter), let id = try String.fetchOne(db, sql: """
            SELECT entityId FROM alias WHERE matchKey = ?
            GROUP BY entityId ORDER BY SUM(count) DESC LIMIT 1
            """, arguments: [other]) { return (id, "alias") }
        return nil
    }
}
