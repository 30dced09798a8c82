import Foundation
import SiftwireExtraction

/// Seeded mutations of bytes, JSON values and text, for fuzz tests: the same seed gives the same
/// inputs, so a failure is reproduced by rerunning with its seed.
public struct Mutator {
    public var random: SeededRandom

    public init(seed: UInt64) { random = SeededRandom(seed: seed) }

    public mutating func int(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(random.next() % UInt64(bound)) }
    public mutating func chance(_ oneIn: Int) -> Bool { int(oneIn) == 0 }
    public mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    /// Strings that break naive code: controls, NUL, bidi controls, combining marks, astral
    /// scalars, ZWJ sequences, Arabic, BOM, U+FFFD, JSON and FTS5 metacharacters, SQL fragments.
    public static let edgeStrings: [String] = [
        "", " ", "\u{0}", "\u{1}\u{7}\u{1B}", "\u{7F}\u{85}\u{9F}", "\r\n\r\n", "\u{2028}\u{2029}", "\t\u{B}\u{C}",
        "\u{FEFF}", "\u{FFFD}\u{FFFD}", "\u{200B}\u{200C}\u{200D}", "\u{202E}evil\u{202C}", "\u{200F}\u{200E}\u{2066}\u{2069}",
        "e\u{301}\u{301}\u{301}", "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", "\u{10FFFF}", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "هيئة تحرير الشام", "أبو محمد الجولاني in إدلب", "Idlib إدلب Idleb", "ﷺ", "\u{640}\u{640}\u{640}",
        "\"", "\\", "\"\"", "\\\"", "*", "NEAR(", "title:x", "'; DROP TABLE document; --", ") OR 1=1 --", "^", "+", ":",
        "{", "}", "[", "]", "\\u0000", "\\ud800", "null", "-0", "1e999", "0x10",
        String(repeating: "a", count: 5000), String(repeating: "(", count: 300), String(repeating: "\"", count: 301),
        "Abu Mohammad al-Julani", "Hay'at Tahrir al-Sham (HTS)", "On 3 August 2023, in Idlib,",
    ]

    /// Byte sequences that are not valid UTF-8: overlongs, surrogates, out of range, truncated, stray continuations.
    public static let invalidUTF8: [[UInt8]] = [
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
        [0xF5], [0xFF], [0xFE], [0x80], [0xBF, 0xBF], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3],
    ]

    public mutating func randomBytes(maxCount: Int) -> Data {
        Data((0..<int(maxCount + 1)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
    }

    /// A random string: mostly edge strings and ASCII, sometimes random scalars.
    public mutating func randomString() -> String {
        switch int(4) {
        case 0: return pick(Self.edgeStrings)
        case 1: return String((0..<int(40)).map { _ in Character(Unicode.Scalar(UInt8(32 + int(95)))) })
        case 2:
            var s = String.UnicodeScalarView()
            for _ in 0..<int(30) {
                let value = UInt32(truncatingIfNeeded: random.next() % 0x110000)
                if let scalar = Unicode.Scalar(value) { s.append(scalar) }
            }
            return String(s)
        default: return pick(Self.edgeStrings) + pick(Self.edgeStrings) + pick(Self.edgeStrings)
        }
    }

    /// One byte-level mutation of `data`; `corpus` supplies material for splicing.
    public mutating func mutate(_ data: Data, corpus: [Data] = []) -> Data {
        var bytes = [UInt8](data)
        switch int(11) {
        case 0 where !bytes.isEmpty: // bit flips
            for _ in 0..<(1 + int(4)) { bytes[int(bytes.count)] ^= UInt8(1 << int(8)) }
        case 1 where !bytes.isEmpty: // interesting byte
            bytes[int(bytes.count)] = pick([0x00, 0xFF, 0x7F, 0x80, 0xC0, 0xED, 0x22, 0x5C, 0x5B, 0x7B, 0x5D, 0x7D, 0x2C, 0x3A, 0x30, 0x2D])
        case 2: // truncation
            bytes = Array(bytes.prefix(int(bytes.count + 1)))
        case 3 where !bytes.isEmpty: // delete a range
            let start = int(bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + int(16)))
        case 4: // insert random bytes
            bytes.insert(contentsOf: randomBytes(maxCount: 8), at: int(bytes.count + 1))
        case 5: // insert an edge string (as JSON-escaped text sometimes, raw otherwise)
            let text = pick(Self.edgeStrings)
            let inserted = chance(2) ? Array(text.utf8) : Array((try? JSONEncoder().encode(text)) ?? Data())
            bytes.insert(contentsOf: inserted, at: int(bytes.count + 1))
        case 6: // invalid UTF-8
            bytes.insert(contentsOf: pick(Self.invalidUTF8), at: int(bytes.count + 1))
        case 7 where !corpus.isEmpty: // splice with another sample
            let other = [UInt8](pick(corpus))
            bytes = Array(bytes.prefix(int(bytes.count + 1))) + Array(other.suffix(int(other.count + 1)))
        case 8 where !bytes.isEmpty: // duplicate a range
            let start = int(bytes.count)
            let piece = bytes[start..<min(bytes.count, start + 1 + int(64))]
            bytes.insert(contentsOf: piece, at: int(bytes.count + 1))
        case 9: // deep nesting
            let depth = pick([63, 64, 65, 100, 1000, 100_000])
            let open = pick(["[", "{\"a\":"])
            bytes.insert(contentsOf: Array(String(repeating: open, count: depth).utf8), at: int(bytes.count + 1))
        default: // a JSON-level mutation, or random bytes when it is not JSON
            if let mutated = mutateJSON(data) { return mutated }
            return randomBytes(maxCount: 64)
        }
        return Data(bytes)
    }

    /// Parses `data` as JSON and changes one value (type, number edge, string edge, key dropped or
    /// added, array grown); nil when `data` is not JSON.
    public mutating func mutateJSON(_ data: Data) -> Data? {
        guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        let mutated = mutateValue(value, depth: 0)
        guard let encoded = try? JSONSerialization.data(withJSONObject: mutated, options: [.fragmentsAllowed]) else { return nil }
        // Numbers no Swift integer or double holds, written where the marker string went.
        let marker = "\"" + Self.bigNumberMarker + "\""
        var text = String(decoding: encoded, as: UTF8.self)
        while let range = text.range(of: marker) {
            text.replaceSubrange(range, with: pick(["9223372036854775808", "-9223372036854775809", "1e400", "-1e400", "123456789012345678901234567890", "1.5e-400", "0.0000000000000000000000001"]))
        }
        return Data(text.utf8)
    }

    static let bigNumberMarker = "__siftwire_big_number__"

    private mutating func randomValue() -> Any {
        switch int(12) {
        case 0: return NSNull()
        case 1: return pick([true, false])
        case 2: return pick([0, -1, 1, Int.max, Int.min, Int(Int32.max) + 1, 1 << 53])
        case 3: return pick([0.5, -0.0, 1e308, -1e308, 1e-308, 3.4e38])
        case 4: return Self.bigNumberMarker
        case 5: return []
        case 6: return [:] as [String: Any]
        case 7: return [randomString()]
        case 8: return String(repeating: pick(["x", "ب", "\""]), count: pick([1000, 1001, 4097, 70_000]))
        default: return randomString()
        }
    }

    private mutating func mutateValue(_ value: Any, depth: Int) -> Any {
        if var object = value as? [String: Any] {
            let keys = object.keys.sorted()
            if keys.isEmpty || chance(6) {
                object[chance(2) ? randomString() : pick(keys.isEmpty ? ["text"] : keys)] = randomValue()
                return object
            }
            let key = pick(keys)
            switch int(5) {
            case 0: object[key] = nil
            case 1: object[key] = randomValue()
            default: object[key] = mutateValue(object[key]!, depth: depth + 1)
            }
            return object
        }
        if var array = value as? [Any] {
            if array.isEmpty || chance(5) {
                if chance(2), !array.isEmpty { array.append(contentsOf: Array(repeating: array[0], count: int(50))) } else { array.append(randomValue()) }
                return array
            }
            let index = int(array.count)
            if chance(4) { array.remove(at: index) } else { array[index] = mutateValue(array[index], depth: depth + 1) }
            return array
        }
        if let string = value as? String, chance(2) {
            return chance(2) ? string + randomString() : randomString() + String(string.prefix(int(string.count + 1)))
        }
        return randomValue()
    }
}
