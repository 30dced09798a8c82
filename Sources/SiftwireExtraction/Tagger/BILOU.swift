/// The kinds of span the tagger finds: CoNLL's four. MISC spans only matter where they are nationality or
/// group words (NORP); the engine drops the rest.
public enum SpanKind: UInt8, Sendable, CaseIterable, Codable {
    case person = 0, org, location, misc

    /// The engine's type for a span of this kind (`misc` has none of its own).
    var entityType: EntityType? {
        switch self {
        case .person: .person
        case .org: .org
        case .location: .location
        case .misc: nil
        }
    }
}

/// A typed span over tokens `[s, e)` or over code points, depending on where it is used.
public struct TypedSpan: Sendable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public var kind: SpanKind
    public init(start: Int, end: Int, kind: SpanKind) { self.start = start; self.end = end; self.kind = kind }
}

/// BILOU tags: 0 is O; then Begin, Inside, Last, Unit for each `SpanKind` (tag = 1 + kind·4 + position).
enum BILOU {
    static let count = 17
    static let outside = 0
    static let begin = 0, inside = 1, last = 2, unit = 3

    @inline(__always) static func tag(_ kind: SpanKind, _ position: Int) -> Int { 1 + Int(kind.rawValue) * 4 + position }
    @inline(__always) static func kind(_ tag: Int) -> SpanKind? { tag == 0 ? nil : SpanKind(rawValue: UInt8((tag - 1) / 4)) }
    @inline(__always) static func position(_ tag: Int) -> Int { (tag - 1) % 4 }

    /// May `next` follow `prev`? (`prev == count` stands for the start of a sequence.)
    static let allowed: [[Bool]] = {
        var table = Array(repeating: Array(repeating: false, count: count), count: count + 1)
        for prev in 0...count {
            for next in 0..<count {
                let prevOpen = prev < count && prev != 0 && (position(prev) == begin || position(prev) == inside)
                if prevOpen {
                    table[prev][next] = next != 0 && kind(next) == kind(prev) && (position(next) == inside || position(next) == last)
                } else {
                    table[prev][next] = next == 0 || position(next) == begin || position(next) == unit
                }
            }
        }
        return table
    }()
    /// For each tag, the tags that may precede it (flat, for the decoder's inner loop).
    static let predecessors: [[Int]] = (0..<count).map { k in (0..<count).filter { allowed[$0][k] } }
    /// `allowed[count][k]` flattened: may a sequence start with tag k?
    static let canStart: [Bool] = (0..<count).map { allowed[count][$0] }

    /// May a sequence end on `tag`?
    @inline(__always) static func canEnd(_ tag: Int) -> Bool { tag == 0 || position(tag) == last || position(tag) == unit }

    /// Token spans of a tag sequence (assumed well formed; a stray I/L opens a span, a dangling B/I closes one).
    static func spans(_ tags: [Int]) -> [TypedSpan] {
        var out = [TypedSpan]()
        var open: (Int, SpanKind)? = nil
        for (i, t) in tags.enumerated() {
            guard let k = kind(t) else {
                if let o = open { out.append(TypedSpan(start: o.0, end: i, kind: o.1)); open = nil }
                continue
            }
            let p = position(t)
            if let o = open, o.1 != k || p == begin || p == unit { out.append(TypedSpan(start: o.0, end: i, kind: o.1)); open = nil }
            if p == unit { out.append(TypedSpan(start: i, end: i + 1, kind: k)); continue }
            if open == nil { open = (i, k) }
            if p == last, let o = open { out.append(TypedSpan(start: o.0, end: i + 1, kind: o.1)); open = nil }
        }
        if let o = open { out.append(TypedSpan(start: o.0, end: tags.count, kind: o.1)) }
        return out
    }

    /// The tag sequence of non-overlapping token spans over `count` tokens.
    static func tags(_ spans: [TypedSpan], count: Int) -> [Int] {
        var tags = Array(repeating: outside, count: count)
        for s in spans where s.end > s.start && s.start >= 0 && s.end <= count {
            if s.end - s.start == 1 { tags[s.start] = tag(s.kind, unit); continue }
            tags[s.start] = tag(s.kind, begin)
            for i in (s.start + 1)..<(s.end - 1) { tags[i] = tag(s.kind, inside) }
            tags[s.end - 1] = tag(s.kind, last)
        }
        return tags
    }
}
