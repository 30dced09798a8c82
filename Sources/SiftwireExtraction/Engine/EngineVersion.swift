/// Digests of the dictionary entries an engine runs with, for `ExtractionEngine.version`.
enum EngineVersion {
    /// FNV-1a (64 bit) over the entries in the order the engine gets them (id, type, name, aliases),
    /// as 8 hex digits: any edit gives another digest. Order counts too, since it can break ties
    /// between overlapping entries (the extractor's store always lists them by id).
    static func digest(_ entries: [DictionaryEntry]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0x1f
            hash = hash &* 0x0000_0100_0000_01b3
        }
        for entry in entries {
            mix(entry.id)
            mix(entry.type.rawValue)
            mix(entry.name)
            for alias in entry.aliases { mix(alias) }
            mix("\u{1e}")
        }
        let folded = UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
        let hex = String(folded, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
