import Foundation
import GRDB
import SiftwireExtraction
import SiftwireProtocol

/// The PERSON names the index holds, by name-part key, for linking a new person's name to the one
/// existing person it is a shorter or longer form of. Built from the store on the first write that
/// needs it, kept up to date by the writes, dropped when curation or a failed write changes rows.
struct PersonNames {
    struct Entry {
        var id: String
        /// The entity's display name (its fullest form).
        var name: ArabicName
        /// Aliases that are not forms of the display name (a real name beside a nom de guerre).
        var alternatives: [ArabicName] = []
        var seen: Set<String> = []
    }

    private var entries: [Entry] = []
    private var number: [String: Int] = [:]
    /// Part key → entry numbers holding it (ascending, no repeats).
    private var byPart: [String: [Int]] = [:]

    static func load(_ db: Database) throws -> PersonNames {
        var names = PersonNames()
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM entity WHERE type = ?", arguments: [EntityType.person.rawValue]) {
            names.add(row["id"], name: row["name"])
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT a.entityId, a.text FROM alias a JOIN entity e ON e.id = a.entityId WHERE e.type = ?
            """, arguments: [EntityType.person.rawValue]) {
            names.addAlias(row["entityId"], row["text"])
        }
        return names
    }

    func contains(_ id: String) -> Bool { number[id] != nil }

    private mutating func index(_ name: ArabicName, _ k: Int) {
        for part in name.parts where byPart[part.key]?.last != k { byPart[part.key, default: []].append(k) }
    }

    mutating func add(_ id: String, name: String) {
        let parsed = ArabicName(name)
        if let k = number[id] {
            entries[k].name = parsed
            entries[k].seen.insert(name)
            index(parsed, k)
        } else {
            number[id] = entries.count
            entries.append(Entry(id: id, name: parsed, seen: [name]))
            index(parsed, entries.count - 1)
        }
    }

    /// An alias counts as a form of its own when it is a full name that is not a form of the display name.
    mutating func addAlias(_ id: String, _ text: String) {
        guard let k = number[id], !entries[k].seen.contains(text) else { return }
        entries[k].seen.insert(text)
        let parsed = ArabicName(text)
        if !parsed.needsCorpus, !ArabicName.relation(parsed, entries[k].name).compatible {
            entries[k].alternatives.append(parsed)
            index(parsed, k)
        }
    }

    /// The display name held for a person, parsed.
    func name(of id: String) -> ArabicName? { number[id].map { entries[$0].name } }

    /// Existing persons `name` may be a form of, with how (at most `limit + 1` are returned).
    func candidates(for name: ArabicName, excluding id: String, limit: Int = 1) -> [(id: String, relation: ArabicName.Relation)] {
        var ks = Set<Int>()
        for part in name.parts { ks.formUnion(byPart[part.key] ?? []) }
        if let own = number[id] { ks.remove(own) }
        var found: [(id: String, relation: ArabicName.Relation)] = []
        for k in ks.sorted() {
            let entry = entries[k]
            let relation = ([entry.name] + entry.alternatives).lazy.map { ArabicName.relation(name, $0) }.first { $0.compatible }
            if let relation {
                found.append((entry.id, relation))
                if found.count > limit { break }
            }
        }
        return found
    }
}

extension IndexStore {
    /// Who records automatic links in the `judgement` table.
    public static let nameLinker = "siftwire"

    /// Links each new PERSON entity of a document (an id the store does not hold, derived from its
    /// name rather than a dictionary id) to the one existing person whose name it is a compatible
    /// shorter or longer form of (`ArabicName.relation`): never when two or more persons qualify,
    /// when the pair was judged distinct, or when an analyst split that form off the person. A link
    /// is stored as a `merge` judgement by `siftwire` (so later documents follow it, the profile
    /// lists it, and `curate split` undoes it); when the new form is the longer, it becomes the
    /// person's display name. A new dictionary person (its id is not derived from its name) is never
    /// linked away; instead the one existing unknown person that fits it is queued in `laterLinks`, to
    /// be merged into it once the batch is committed (two dictionary persons are never linked).
    /// Returns whether any entity was linked (the rules then hold the links).
    func linkNames(_ entities: [ExtractedEntity], killed: Set<String> = [], rules: inout CurationRules, laterLinks: inout [MergeEntities], now: Date,
                   known: KnownRows, _ db: Database) throws -> Bool {
        guard entities.contains(where: { $0.type == .person }) else { return false }
        if personNames == nil { personNames = try PersonNames.load(db) }
        var linked = false
        for entity in entities where entity.type == .person {
            guard rules.merges[entity.id] == nil, !known.entities.contains(entity.id), personNames?.contains(entity.id) == false,
                  try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM entity WHERE id = ?"), arguments: [entity.id]) == nil
            else { continue }
            let name = ArabicName(entity.name)
            guard !name.parts.isEmpty, var found = personNames?.candidates(for: name, excluding: entity.id, limit: 8), !found.isEmpty else { continue }
            // "Abu Hussein al-Qurashi" when "Abu al-Hussein al-Husseini al-Qurashi" and a bare "al-Qurashi" are stored:
            // the one fuller name it fits is the person; a shorter stored form it contains does not make it ambiguous
            var why = "the only person the name fits"
            if found.count > 1, let names = personNames {
                let fuller = found.filter { (names.name(of: $0.id)?.parts.count ?? 0) >= name.parts.count }
                if fuller.count == 1, name.parts.count >= 2 { found = fuller }
            }
            // "al-Qurashi" reported killed, where two stored men carry the name and one of them is reported killed
            if found.count > 1, killed.contains(entity.id) {
                let dead = try found.filter { try Self.isReportedKilled(rules.canonical($0.id), db) }
                if dead.count == 1 { found = dead; why = "the only person the name fits who is reported killed, as here" }
            }
            if found.count > 1 {
                if try linkShorterForms(of: entity, name: name, found.map(\.id), rules: &rules, laterLinks: &laterLinks) { linked = true }
                continue
            }
            let target = rules.canonical(found[0].id)
            guard try Self.mayLink(entity, to: target, db) else { continue }
            let targetName = try String.fetchOne(db, sql: "SELECT name FROM entity WHERE id = ?", arguments: [target]) ?? target
            let targetAliases = try String.fetchAll(db, sql: "SELECT text FROM alias WHERE entityId = ?", arguments: [target]) + [targetName]
            let targetDerived = ArabicName.isDerivedID(target, names: targetAliases)
            let note = "linked across documents: '\(entity.name)' and '\(targetName)', \(found[0].relation.reason)"
                + " (\(why)); undo with curate split"
            guard ArabicName.isDerivedID(entity.id, names: [entity.name] + entity.mentions.map(\.text)) else {
                if targetDerived {
                    laterLinks.append(MergeEntities(into: entity.id, from: target, by: Self.nameLinker, note: note))
                }
                continue
            }
            let longer = name.parts.count > ArabicName(targetName).parts.count
            try db.execute(sql: """
                INSERT INTO judgement (kind, entityId, otherId, alias, aliasKey, byUser, note, at) VALUES ('merge', ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entity.id, target, entity.name, MatchingKey.key(entity.name), Self.nameLinker, note, now.timeIntervalSince1970])
            rules.merges[entity.id] = target
            if longer, targetDerived {
                try db.execute(sql: "UPDATE entity SET name = ?, matchKey = ? WHERE id = ?", arguments: [entity.name, MatchingKey.key(entity.name), target])
                personNames?.add(target, name: entity.name)
            }
            personNames?.addAlias(target, entity.name)
            linked = true
        }
        return linked
    }

    /// A new longer name that several stored shorter forms fit ("Abu al-Hussein al-Husseini" and "Abu Hussein
    /// al-Qurashi" were stored before "Abu al-Hussein al-Husseini al-Qurashi" arrived): when every one of them is
    /// contained in it and fits no other stored person (the two shorter forms are not forms of each other), they
    /// are all its forms, merged into it once the batch is committed.
    private func linkShorterForms(of entity: ExtractedEntity, name: ArabicName, _ ids: [String], rules: inout CurationRules,
                                  laterLinks: inout [MergeEntities]) throws -> Bool {
        guard let names = personNames, ids.count <= 8 else { return false }
        for id in ids {
            guard let shorter = names.name(of: id), shorter.parts.count < name.parts.count, ArabicName.relation(shorter, name).compatible,
                  names.candidates(for: shorter, excluding: id, limit: 8).allSatisfy({ ids.contains($0.id) && ArabicName.relation(shorter, names.name(of: $0.id) ?? shorter) == .different })
            else { return false }
        }
        let note = "linked across documents: '\(entity.name)' and its shorter forms \(ids.map { "'\(names.name(of: $0)?.surface ?? $0)'" }.joined(separator: ", ")), contained names (the only person they fit); undo with curate split"
        for id in ids where rules.canonical(id) != entity.id {
            laterLinks.append(MergeEntities(into: entity.id, from: rules.canonical(id), by: Self.nameLinker, note: note))
        }
        return false
    }

    /// Whether a stored claim (not a denial) reports this person killed.
    static func isReportedKilled(_ id: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM claim WHERE targetId = ? AND eventType = 'kill' AND polarity != 'denied' LIMIT 1"),
                          arguments: [id]) == true
    }

    /// No distinct judgement between the two, and no split of this form off the target.
    private static func mayLink(_ entity: ExtractedEntity, to target: String, _ db: Database) throws -> Bool {
        if try Bool.fetchOne(db, sql: """
            SELECT 1 FROM judgement WHERE kind = 'distinct' AND ((entityId = ?1 AND otherId = ?2) OR (entityId = ?2 AND otherId = ?1))
            """, arguments: [entity.id, target]) == true { return false }
        let keys = Set(([entity.name] + entity.mentions.map(\.text)).map(MatchingKey.key))
        let splits = try String.fetchAll(db, sql: "SELECT aliasKey FROM judgement WHERE kind = 'split' AND entityId = ? AND aliasKey IS NOT NULL",
                                         arguments: [target])
        return keys.isDisjoint(with: splits)
    }

    /// Keeps the person-name cache in step with a document's stored entities.
    func rememberNames(_ entities: [ExtractedEntity]) {
        guard personNames != nil else { return }
        for entity in entities where entity.type == .person {
            if personNames?.contains(entity.id) == false { personNames?.add(entity.id, name: entity.name) }
            for alias in entity.aliases { personNames?.addAlias(entity.id, alias) }
        }
    }

    /// Why each alias names the entity: `transliteration key` (the same name in another spelling),
    /// `contained name` (a shorter form of the name; `(kunya)`/`(nisbah)` for a bare kunya or nisbah),
    /// `dictionary` (a dictionary entity's name), `linked across documents` / `merged by <who>` (a
    /// merge judgement brought it), or `stated alias` (named as the same in a document's text).
    static func aliasReasons(_ db: Database, id: String, name: String, type: EntityType, aliases: [String]) throws -> [String: String] {
        let merges = try Row.fetchAll(db, sql: "SELECT entityId, byUser FROM judgement WHERE kind = 'merge' AND otherId = ?", arguments: [id])
        let derived = ArabicName.isDerivedID(id, names: aliases + [name])
        let nameKey = MatchingKey.key(name)
        let parsed = type == .person ? ArabicName(name) : nil
        var reasons: [String: String] = [:]
        for alias in aliases where alias != name {
            if MatchingKey.key(alias) == nameKey { reasons[alias] = "transliteration key"; continue }
            if let parsed {
                let relation = ArabicName.relation(ArabicName(alias), parsed)
                if relation.compatible { reasons[alias] = relation.reason; continue }
            }
            if let merge = merges.first(where: { ArabicName.isDerivedID($0["entityId"], names: [alias]) }) {
                let by: String = merge["byUser"]
                reasons[alias] = by == nameLinker ? "linked across documents" : "merged by \(by)"
                continue
            }
            reasons[alias] = derived ? "stated alias" : "dictionary"
        }
        return reasons
    }
}
