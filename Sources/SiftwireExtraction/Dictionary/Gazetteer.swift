/// Generated gazetteer files (`name<TAB>type<TAB>kind<TAB>key`, see Resources/gazetteer/SOURCES.md) as
/// dictionary entries: one entry per key and type, its names as aliases. Used as tagger features only.
public enum Gazetteer {
    public static func parse(_ text: String) throws -> [DictionaryEntry] {
        var byKey = [String: (type: EntityType, names: [String])]()
        var order = [String]()
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 4, !f[0].isEmpty, let type = EntityType(rawValue: f[1]) else { continue }
            let id = "gaz:\(f[1]):\(f[3])"
            if byKey[id] == nil { byKey[id] = (type, []); order.append(id) }
            byKey[id]!.names.append(f[0])
        }
        return order.map { id in
            let v = byKey[id]!
            return DictionaryEntry(id: id, type: v.type, name: v.names[0], aliases: Array(v.names.dropFirst()))
        }
    }
}
