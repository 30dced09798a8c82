/// Small open-addressing hash map from (UInt32 tag, UInt64 key) to Int32, without SipHash (keys are already hashes).
struct U64Map: Sendable {
    private var keys: [UInt64]
    private var tags: [UInt32]
    private var values: [Int32]
    private var used: [Bool]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size); tags = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size); used = Array(repeating: false, count: size)
        mask = size - 1
    }
    @inline(__always) private func slot(_ tag: UInt32, _ key: UInt64) -> Int {
        var h = key ^ (UInt64(tag) &* 0x9E3779B97F4A7C15)
        h ^= h >> 29; h = h &* 0xBF58476D1CE4E5B9; h ^= h >> 32
        return Int(truncatingIfNeeded: h) & mask
    }
    @inline(__always) func get(_ key: UInt64, tag: UInt32 = 0) -> Int32? {
        var i = slot(tag, key)
        while used[i] {
            if keys[i] == key && tags[i] == tag { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }
    @inline(__always) func contains(_ key: UInt64) -> Bool { get(key) != nil }
    mutating func set(_ key: UInt64, tag: UInt32 = 0, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        var i = slot(tag, key)
        while used[i] {
            if keys[i] == key && tags[i] == tag { values[i] = value; return }
            i = (i + 1) & mask
        }
        used[i] = true; keys[i] = key; tags[i] = tag; values[i] = value; count += 1
    }
    private mutating func grow() {
        let oldK = keys, oldT = tags, oldV = values, oldU = used
        let size = keys.count * 2
        keys = Array(repeating: 0, count: size); tags = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size); used = Array(repeating: false, count: size)
        mask = size - 1; count = 0
        for i in 0..<oldK.count where oldU[i] { set(oldK[i], tag: oldT[i], oldV[i]) }
    }
}

/// Set of hashed words.
struct WordSet: Sendable {
    private var map: U64Map
    init(_ s: Set<UInt64>) { map = U64Map(capacity: s.count); for k in s { map.set(k, 1) } }
    @inline(__always) func contains(_ k: UInt64) -> Bool { map.get(k) != nil }
}
