/// Extraction results written as JSON by hand, for `siftwire extract`: the same JSON values `JSONEncoder`
/// writes (absent optionals left out, slashes unescaped), with the keys always in declaration order (JSONEncoder's
/// order varies from run to run here), at a fraction of its cost (it was a quarter of `siftwire extract`'s CPU
/// time). `ExtractionJSONTests` holds the two equal; a field added to these types must be added here too.
public struct JSONBytes {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    @inline(__always) mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func newline() { bytes.append(0x0A) }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func int(_ v: Int) {
        if v == 0 { bytes.append(0x30); return }
        var n = v.magnitude
        if v < 0 { bytes.append(0x2D) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while n > 0 { d[count] = UInt8(truncatingIfNeeded: n % 10) + 0x30; n /= 10; count += 1 }
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(d[i]) }
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`-style or `\u00XX`, the rest as UTF-8.
    public mutating func string(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            var runStart = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                switch b {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0x08: raw("\\b")
                case 0x0C: raw("\\f")
                default:
                    raw("\\u00")
                    bytes.append(Self.hexDigits[Int(b >> 4)])
                    bytes.append(Self.hexDigits[Int(b & 0xF)])
                }
                runStart = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(0x22)
    }

    mutating func key(_ k: StaticString, first: Bool = false) {
        if !first { bytes.append(0x2C) }
        bytes.append(0x22)
        raw(k)
        raw("\":")
    }

    mutating func array<T>(_ items: [T], _ each: (inout JSONBytes, T) -> Void) {
        bytes.append(0x5B)
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(0x2C) }
            each(&self, item)
        }
        bytes.append(0x5D)
    }
}

extension Mention {
    public func write(_ out: inout JSONBytes) {
        out.raw("{"); out.key("text", first: true); out.string(text)
        out.key("start"); out.int(start); out.key("end"); out.int(end); out.raw("}")
    }
}

extension ExtractedEntity {
    public func write(_ out: inout JSONBytes) {
        out.raw("{"); out.key("id", first: true); out.string(id)
        out.key("name"); out.string(name)
        out.key("type"); out.string(type.rawValue)
        out.key("aliases"); out.array(aliases) { $0.string($1) }
        out.key("mentions"); out.array(mentions) { $1.write(&$0) }
        if let role { out.key("role"); out.string(role) }
        out.raw("}")
    }
}

extension ExtractedDate {
    public func write(_ out: inout JSONBytes) {
        out.raw("{"); out.key("text", first: true); out.string(text)
        if let value { out.key("value"); out.string(value) }
        out.key("start"); out.int(start); out.key("end"); out.int(end); out.raw("}")
    }
}

extension ClaimArgument {
    public func write(_ out: inout JSONBytes) {
        out.raw("{")
        var first = true
        if let entityID { out.key("entityID", first: true); out.string(entityID); first = false }
        out.key("text", first: first); out.string(text)
        out.key("start"); out.int(start); out.key("end"); out.int(end)
        if let state { out.key("state"); out.string(state) }
        out.raw("}")
    }
}

extension ClaimEvent {
    public func write(_ out: inout JSONBytes) {
        out.raw("{"); out.key("type", first: true); out.string(type.rawValue)
        out.key("trigger"); trigger.write(&out)
        if let actor { out.key("actor"); actor.write(&out) }
        if let target { out.key("target"); target.write(&out) }
        if let location { out.key("location"); location.write(&out) }
        if let date { out.key("date"); out.string(date) }
        if let quantity { out.key("quantity"); out.string(quantity) }
        if let runningTotal { out.key("runningTotal"); out.raw(runningTotal ? "true" : "false") }
        out.raw("}")
    }
}

extension ExtractedClaim {
    public func write(_ out: inout JSONBytes) {
        out.raw("{"); out.key("sentence", first: true); out.int(sentence)
        out.key("start"); out.int(start); out.key("end"); out.int(end)
        if let speaker { out.key("speaker"); speaker.write(&out) }
        if let verb { out.key("verb"); out.string(verb) }
        if let verbMention { out.key("verbMention"); verbMention.write(&out) }
        if let content { out.key("content"); content.write(&out) }
        if let event { out.key("event"); event.write(&out) }
        out.key("polarity"); out.string(polarity.rawValue)
        out.key("modality"); out.string(modality.rawValue)
        out.raw("}")
    }
}

extension Extraction {
    /// `siftwire extract`'s line for one document: `{"document", "title", "date" (null when unknown), "entities",
    /// "dates", "claims"}`.
    public func writeLine(document: String, _ out: inout JSONBytes) {
        out.raw("{"); out.key("document", first: true); out.string(document)
        out.key("title"); out.string(title)
        out.key("date"); if let date { out.string(date) } else { out.raw("null") }
        out.key("entities"); out.array(entities) { $1.write(&$0) }
        out.key("dates"); out.array(dates) { $1.write(&$0) }
        out.key("claims"); out.array(claims) { $1.write(&$0) }
        out.raw("}")
    }
}
