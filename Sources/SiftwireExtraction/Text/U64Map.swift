/// Small open-addressing hash map from (UInt32 tag, UInt64 key) to Int32, without SipHash (keys are already hashes).
struct U64Map: Sendable {
    /// One open-addressing slot; a single array of slots keeps a probe to one cache line and one bounds check.
    private struct Slot: Sendable {
        var key: UInt64 = 0
        var tag: UInt32 = 0
        var value: Int32 = 0
        var used = false
    }
    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
    }
    @inline(__always) private func slot(_ tag: UInt32, _ key: UInt64) -> Int {
        var h = key ^ (UInt64(tag) &* 0x9E3779B97F4A7C15)
        h ^= h >> 29; h = h &* 0xBF58476D1CE4E5B9; h ^= h >> 32
        return Int(truncatingIfNeeded: h) & mask
    }
    @inline(__always) func get(_ key: UInt64, tag: UInt32 = 0) -> Int32? {
        let m = mask
        var i = slot(tag, key)
        return slots.withUnsafeBufferPointer { p -> Int32? in
            while p[i].used {
                if p[i].key == key && p[i].tag == tag { return p[i].value }
                i = (i &+ 1) & m
            }
            return nil
        }
    }
    @inline(__always) func contains(_ key: UInt64) -> Bool { get(key) != nil }
    mutating func set(_ key: UInt64, tag: UInt32 = 0, _ value: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        var i = slot(tag, key)
        while slots[i].used {
            if slots[i].key == key && slots[i].tag == tag { slots[i].value = value; return }
            i = (i + 1) & mask
        }
        slots[i] = Slot(key: key, tag: tag, value: value, used: true)
        count += 1
    }
    private mutating func grow() {
        let old = slots
        let size = slots.count * 2
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1; count = 0
        for s in old where s.used { set(s.key, tag: s.tag, s.value) }
    }
}

/// Set of hashed words.
struct WordSet: Sendable {
    private var map: U64Map
    init(_ s: Set<UInt64>) { map = U64Map(capacity: s.count); for k in s { map.set(k, 1) } }
    @inline(__always) func contains(_ k: UInt64) -> Bool { map.get(k) != nil }
}
