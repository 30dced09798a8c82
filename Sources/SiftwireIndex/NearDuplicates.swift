/// Near-duplicate detection for syndicated copies of one story: the same wire text under another
/// headline, with a paragraph trimmed, or with another outlet's boilerplate around it.
///
/// MinHash over word 4-shingles: 64 hash functions give a signature whose share of equal
/// components estimates the Jaccard similarity of two documents' shingle sets. Locality-sensitive
/// hashing finds candidates without comparing every pair: the signature is cut into 16 bands of 4
/// rows, and documents sharing any band key are compared. Two documents are copies of one story
/// when the estimated Jaccard similarity is at least `threshold` (0.5): a copy that keeps most of
/// the text scores 0.7–1.0, two different stories on the same subject under 0.15
/// (`NearDuplicateTests` measures precision and recall on pairs written for it). At 0.5 a pair is a
/// candidate with probability 1 − (1 − 0.5⁴)¹⁶ ≈ 0.64; at 0.7, 0.99.
public struct NearDuplicateSignature: Sendable, Equatable {
    public static let hashes = 64
    public static let bands = 16
    public static let rows = 4
    public static let shingleWords = 4
    public static let threshold = 0.5
    /// Documents with fewer words than this are never grouped (too little text to tell).
    public static let minimumWords = 20

    public let values: [UInt64]

    public init(values: [UInt64]) { self.values = values }

    /// The signature of a text; nil when it is too short to compare.
    public init?(text: String) {
        let words = Self.words(text)
        guard words.count >= Self.minimumWords else { return nil }
        var minimums = [UInt64](repeating: .max, count: Self.hashes)
        for start in 0...(words.count - Self.shingleWords) {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for word in words[start..<start + Self.shingleWords] {
                h = (h ^ word) &* 0x0000_0100_0000_01b3
            }
            for i in 0..<Self.hashes {
                let v = Self.mix(h ^ Self.seeds[i])
                if v < minimums[i] { minimums[i] = v }
            }
        }
        values = minimums
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    public func similarity(to other: NearDuplicateSignature) -> Double {
        guard values.count == other.values.count, !values.isEmpty else { return 0 }
        var equal = 0
        for i in values.indices where values[i] == other.values[i] { equal += 1 }
        return Double(equal) / Double(values.count)
    }

    public func isNearDuplicate(of other: NearDuplicateSignature) -> Bool {
        similarity(to: other) >= Self.threshold
    }

    /// One key per band (band number mixed in), for the candidate index.
    public var bandKeys: [Int64] {
        (0..<Self.bands).map { band in
            var h = Self.mix(UInt64(band) &+ 0x9e37_79b9)
            for row in 0..<Self.rows { h = Self.mix(h ^ values[band * Self.rows + row]) }
            return Int64(bitPattern: h)
        }
    }

    /// The signature as stored: 8 bytes per value, little-endian.
    public var bytes: [UInt8] {
        values.flatMap { v in (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
    }

    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.hashes * 8 else { return nil }
        values = (0..<Self.hashes).map { i in
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[i * 8 + $1]) << (8 * $1) }
        }
    }

    /// Lowercased words (letters and digits), each hashed (FNV-1a).
    static func words(_ text: String) -> [UInt64] {
        var result: [UInt64] = []
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var inWord = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    var value = lower.value
                    for _ in 0..<4 {
                        h = (h ^ UInt64(value & 0xFF)) &* 0x0000_0100_0000_01b3
                        value >>= 8
                    }
                }
                inWord = true
            } else if inWord {
                result.append(h)
                h = 0xcbf2_9ce4_8422_2325
                inWord = false
            }
        }
        if inWord { result.append(h) }
        return result
    }

    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    static let seeds: [UInt64] = (0..<hashes).map { mix(UInt64($0) &* 0x1000_0000_01b3 &+ 17) }
}
