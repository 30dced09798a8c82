/// Calendar arithmetic and date-expression finding over tokens (no Foundation calendars, no regex).
struct SimpleDate: Comparable, Sendable {
    var y: Int, m: Int, d: Int
    static func < (a: SimpleDate, b: SimpleDate) -> Bool { (a.y, a.m, a.d) < (b.y, b.m, b.d) }
    var days: Int { // days from civil (Howard Hinnant)
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
    init(y: Int, m: Int, d: Int) { self.y = y; self.m = m; self.d = d }
    init(days z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        d = doy - (153 * mp + 2) / 5 + 1
        m = mp < 10 ? mp + 3 : mp - 9
        y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    }
    /// ISO weekday, Monday = 1.
    var weekday: Int { let w = (days % 7 + 7 + 3) % 7; return w + 1 }
    var iso: String { String(format4(y)) + "-" + two(m) + "-" + two(d) }
    static func parse(_ s: String?) -> SimpleDate? {
        guard let s else { return nil }
        let p = s.split(separator: "-")
        guard p.count >= 3, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2].prefix(2)), (1...12).contains(m), (1...31).contains(d) else { return nil }
        return SimpleDate(y: y, m: m, d: d)
    }
    static func valid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard (1...12).contains(m), d >= 1 else { return false }
        let dim = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= dim[m - 1]
    }
}
@inline(__always) func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
@inline(__always) func format4(_ v: Int) -> String { v < 1000 ? String(repeating: "0", count: 4 - String(v).count) + "\(v)" : "\(v)" }

struct DateHit {
    enum Kind { case absolute, dayOffset(Int), monthOffset(Int), yearOffset(Int), weekday(Int), monthRelYear(Int, Int), unresolved }
    var s: Int, e: Int
    var y: Int?, m: Int?, d: Int?
    var kind: Kind
    /// `pastMark` for "last <Month>".
    var modifier: Int? = nil
    static let pastMark = -1
    var fullInText: Bool { y != nil && m != nil && d != nil }

    func value(doc: SimpleDate?) -> String? {
        switch kind {
        case .absolute:
            if let y, let m, let d { return SimpleDate.valid(y, m, d) ? SimpleDate(y: y, m: m, d: d).iso : nil }
            if let y, let m { return format4(y) + "-" + two(m) }
            if let y, d == nil, m == nil { return format4(y) }
            guard let doc, let m else { return nil }
            if let d {
                // nearest occurrence to the document date (ties and near-future go to the same year)
                var yy = doc.y
                if SimpleDate.valid(yy, m, d) {
                    let delta = SimpleDate(y: yy, m: m, d: d).days - doc.days
                    // news looks back: the past occurrence unless the date is less than ~3 months ahead
                    if delta > 92 { yy -= 1 } else if delta < -273 { yy += 1 }
                }
                return SimpleDate.valid(yy, m, d) ? SimpleDate(y: yy, m: m, d: d).iso : nil
            }
            var yy = doc.y
            if let mod = modifier, mod == DateHit.pastMark { if m >= doc.m { yy -= 1 } }
            else {
                let ahead = (m - doc.m + 12) % 12
                if ahead > 0 && ahead <= 3 { if m < doc.m { yy += 1 } } else if m > doc.m { yy -= 1 }
            }
            return format4(yy) + "-" + two(m)
        case .dayOffset(let n):
            guard let doc else { return nil }
            return SimpleDate(days: doc.days + n).iso
        case .monthOffset(let n):
            guard let doc else { return nil }
            let t = doc.y * 12 + (doc.m - 1) + n
            return format4(t / 12) + "-" + two(t % 12 + 1)
        case .yearOffset(let n):
            guard let doc else { return nil }
            return format4(doc.y + n)
        case .weekday(let w):
            guard let doc else { return nil }
            var back = (doc.weekday - w + 7) % 7
            if back == 0 && modifier == DateHit.pastMark { back = 7 }
            return SimpleDate(days: doc.days - back).iso
        case .monthRelYear(let m, let yo):
            guard let doc else { return nil }
            return format4(doc.y + yo) + "-" + two(m)
        case .unresolved:
            return nil
        }
    }
}

enum DateFinder {
    static let yesterday = Hash.of("yesterday"), today = Hash.of("today"), tomorrow = Hash.of("tomorrow")
    static let last = Hash.of("last"), this = Hash.of("this"), next = Hash.of("next"), ago = Hash.of("ago"), earlier = Hash.of("earlier")
    static let modifiers = Lexicon.set("early mid late last this next")
    static let dayParts = Lexicon.set("morning afternoon evening")
    static let monthSingular = Hash.of("month"), yearSingular = Hash.of("year")
    static let night = Hash.of("night"), tonight = Hash.of("tonight"), weekSingular = Hash.of("week")
    /// Every non-numeric word that can begin a date expression (the rules below test nothing else first);
    /// tokens that are neither numbers, nor one of these, nor two before "ago" are skipped at once.
    static let startWords: WordSet = {
        var w = Set<UInt64>()
        for x in "early mid late last this next tonight yesterday today tomorrow".split(separator: " ") { w.insert(Hash.of(String(x))) }
        for k in Lexicon.months.keys { w.insert(Hash.of(k)) }
        for k in Lexicon.weekdays.keys { w.insert(Hash.of(k)) }
        return WordSet(w)
    }()
    static let day = Lexicon.set("day days"), week = Lexicon.set("week weeks"), month = Lexicon.set("month months"), year = Lexicon.set("year years")

    static func number(_ s: [UInt32], _ t: Token) -> Int? {
        guard t.has(Token.digit) else { return nil }
        var v = 0, k = Int(t.start), digits = 0
        while k < Int(t.end), Scalars.isDigit(s[k]) { v = v * 10 + Int(s[k] - 0x30); k += 1; digits += 1; if digits > 4 { return nil } }
        if k < Int(t.end) {
            // ordinal suffix only (st, nd, rd, th)
            guard Int(t.end) - k == 2 else { return nil }
            let a = s[k] | 0x20, b = s[k + 1] | 0x20
            if !((a == 0x73 && b == 0x74) || (a == 0x6E && b == 0x64) || (a == 0x72 && b == 0x64) || (a == 0x74 && b == 0x68)) { return nil }
        }
        return v
    }
    static func digitsCount(_ t: Token) -> Int { Int(t.end - t.start) }

    static func find(_ s: [UInt32], _ toks: [Token]) -> [DateHit] {
        var scan = DateScan(s: s, toks: toks)
        scan.run()
        return scan.hits
    }
}

/// One left-to-right pass of `DateFinder` over a document's tokens. At each token the rules are
/// tried in a fixed order (numeric dates, modified months and years, month first, day first, a
/// year alone, weekdays, relative words, "N units ago"); the first that matches records its hit
/// and says where the scan goes on.
struct DateScan {
    let s: [UInt32]
    let toks: [Token]
    let n: Int
    var hits = [DateHit]()
    /// A weekday ("Friday, 6 March 2020") whose date part starts on the next token: that hit starts here.
    var pendingWeekdayStart = -1

    init(s: [UInt32], toks: [Token]) {
        self.s = s
        self.toks = toks
        n = toks.count
    }

    func month(_ k: Int) -> Int? {
        guard k < n, !toks[k].has(Token.digit) else { return nil }
        guard let m32 = Lexicon.monthHash.get(toks[k].lit) else { return nil }
        let m = Int(m32)
        // abbreviations need a capital; "may"/"march" need a capital
        if !toks[k].has(Token.cap) { return nil }
        // an abbreviation ("Mar", "Aug") needs its dot or a following day/year
        let len = toks[k].length
        let full = [7, 8, 5, 5, 3, 4, 4, 6, 9, 7, 8, 8][m - 1]
        if len < full && !toks[k].has(Token.abbrev) {
            guard k + 1 < n, toks[k + 1].has(Token.digit), toks[k + 1].gap & ~(Token.gSpace | Token.gComma) == 0 else { return nil }
        }
        return m
    }

    func isYear(_ k: Int) -> Int? {
        guard k < n, toks[k].has(Token.digit), DateFinder.digitsCount(toks[k]) == 4, let v = DateFinder.number(s, toks[k]), v >= 1900, v <= 2099 else { return nil }
        return v
    }

    func day(_ k: Int) -> Int? {
        guard k < n, let v = DateFinder.number(s, toks[k]), v >= 1, v <= 31, toks[k].length <= 4 else { return nil }
        return v
    }

    mutating func push(_ h: DateHit) {
        var h = h
        if pendingWeekdayStart >= 0 { h.s = pendingWeekdayStart; pendingWeekdayStart = -1 }
        hits.append(h)
    }

    /// Records `h` and returns where the scan goes on: after it.
    mutating func take(_ h: DateHit) -> Int {
        push(h)
        return h.e
    }

    mutating func run() {
        var i = 0
        let startWords = DateFinder.startWords
        let agoHash = DateFinder.ago
        while i < n {
            let t = toks[i]
            if pendingWeekdayStart >= 0 && pendingWeekdayStart < i - 1 { pendingWeekdayStart = -1 }
            if !t.has(Token.digit) && !(i + 2 < n && toks[i + 2].lit == agoHash) && !startWords.contains(t.lit) { i += 1; continue }
            if let next = numericDate(i) { i = next; continue }
            if let next = modifiedDate(i) { i = next; continue }
            if let next = monthFirst(i) { i = next; continue }
            if let next = dayFirst(i) { i = next; continue }
            if let next = yearAlone(i) { i = next; continue }
            if let next = weekday(i) { i = next; continue }
            if let next = relativeWord(i) { i = next; continue }
            if let next = unitsAgo(i) { i = next; continue }
            i += 1
        }
    }

    /// ISO yyyy-mm-dd, yyyy/mm/dd; numeric d/m/yyyy, d.m.yyyy (day first; month first only when the
    /// second number exceeds 12).
    mutating func numericDate(_ i: Int) -> Int? {
        let t = toks[i]
        if let y = isYear(i), i + 2 < n, toks[i + 1].gap == Token.gHyphen, toks[i + 2].gap == Token.gHyphen,
           let m = DateFinder.number(s, toks[i + 1]), let d = DateFinder.number(s, toks[i + 2]), toks[i + 1].length <= 2, toks[i + 2].length <= 2,
           SimpleDate.valid(y, m, d) {
            return take(DateHit(s: i, e: i + 3, y: y, m: m, d: d, kind: .absolute))
        }
        if let y = isYear(i), i + 2 < n, toks[i + 1].gap == Token.gOther, toks[i + 2].gap == Token.gOther,
           let m = DateFinder.number(s, toks[i + 1]), let d = DateFinder.number(s, toks[i + 2]), SimpleDate.valid(y, m, d) {
            return take(DateHit(s: i, e: i + 3, y: y, m: m, d: d, kind: .absolute))
        }
        if i + 2 < n, t.has(Token.digit), t.length <= 2, toks[i + 1].length <= 2, let y = isYear(i + 2),
           toks[i + 1].start == t.end + 1, toks[i + 2].start == toks[i + 1].end + 1,
           let a = DateFinder.number(s, t), let b = DateFinder.number(s, toks[i + 1]) {
            let sep1 = s[Int(t.end)], sep2 = s[Int(toks[i + 1].end)]
            if sep1 == sep2, sep1 == 0x2F || sep1 == 0x2E || sep1 == 0x2D {
                let (d, m) = b > 12 ? (b, a) : (a, b)
                if SimpleDate.valid(y, m, d) { return take(DateHit(s: i, e: i + 3, y: y, m: m, d: d, kind: .absolute)) }
            }
        }
        return nil
    }

    /// "early 2012", "mid-October", "late February", "last August", "this morning", "last night", "tonight".
    mutating func modifiedDate(_ i: Int) -> Int? {
        let t = toks[i]
        if DateFinder.modifiers.contains(t.lit), i + 1 < n, toks[i + 1].gap == Token.gSpace || toks[i + 1].gap == Token.gHyphen {
            if let m = month(i + 1), day(i + 2) == nil {
                if let y = isYear(i + 2), toks[i + 2].gap & ~(Token.gSpace | Token.gComma) == 0 {
                    return take(DateHit(s: i, e: i + 3, y: y, m: m, d: nil, kind: .absolute))
                }
                var h = DateHit(s: i, e: i + 2, y: nil, m: m, d: nil, kind: .absolute)
                if t.lit == DateFinder.last { h.modifier = DateHit.pastMark }
                return take(h)
            }
            if t.lit != DateFinder.last && t.lit != DateFinder.next && t.lit != DateFinder.this, let y = isYear(i + 1) {
                return take(DateHit(s: i, e: i + 2, y: y, m: nil, d: nil, kind: .absolute))
            }
            if t.lit == DateFinder.this && DateFinder.dayParts.contains(toks[i + 1].lit) { return take(DateHit(s: i, e: i + 2, kind: .dayOffset(0))) }
            if t.lit == DateFinder.last && toks[i + 1].lit == DateFinder.night { return take(DateHit(s: i, e: i + 2, kind: .dayOffset(-1))) }
        }
        if t.lit == DateFinder.tonight { return take(DateHit(s: i, e: i + 1, kind: .dayOffset(0))) }
        return nil
    }

    /// Month [day] [year], "Month last/this/next year", a month alone ("May" needs more than a capital).
    mutating func monthFirst(_ i: Int) -> Int? {
        let t = toks[i]
        guard let m = month(i) else { return nil }
        if let d = day(i + 1), toks[i + 1].gap & ~(Token.gSpace | Token.gDot) == 0 {
            if let y = isYear(i + 2), toks[i + 2].gap & ~(Token.gSpace | Token.gComma) == 0 {
                return take(DateHit(s: i, e: i + 3, y: y, m: m, d: d, kind: .absolute))
            }
            return take(DateHit(s: i, e: i + 2, y: nil, m: m, d: d, kind: .absolute))
        }
        if let y = isYear(i + 1), toks[i + 1].gap & ~(Token.gSpace | Token.gDot | Token.gComma) == 0 {
            return take(DateHit(s: i, e: i + 2, y: y, m: m, d: nil, kind: .absolute))
        }
        let last = DateFinder.last, this = DateFinder.this, next = DateFinder.next
        if i + 2 < n, toks[i + 1].lit == last || toks[i + 1].lit == this || toks[i + 1].lit == next, DateFinder.year.contains(toks[i + 2].lit) {
            let off = toks[i + 1].lit == last ? -1 : (toks[i + 1].lit == next ? 1 : 0)
            return take(DateHit(s: i, e: i + 3, y: nil, m: m, d: nil, kind: .monthRelYear(m, off)))
        }
        if !t.has(Token.sentStart) || m != 5 {
            if m == 5 && (i + 1 < n && toks[i + 1].has(Token.lower)) && !(i > 0 && (toks[i - 1].lit == Lexicon.inW || toks[i - 1].lit == Lexicon.since)) { return i + 1 }
            return take(DateHit(s: i, e: i + 1, y: nil, m: m, d: nil, kind: .absolute))
        }
        return nil
    }

    /// day Month [year].
    mutating func dayFirst(_ i: Int) -> Int? {
        guard let d = day(i), let m = month(i + 1), toks[i + 1].gap == Token.gSpace else { return nil }
        if let y = isYear(i + 2), toks[i + 2].gap & ~(Token.gSpace | Token.gComma) == 0 {
            return take(DateHit(s: i, e: i + 3, y: y, m: m, d: d, kind: .absolute))
        }
        return take(DateHit(s: i, e: i + 2, y: nil, m: m, d: d, kind: .absolute))
    }

    /// A year on its own (not the start of a numeric date).
    mutating func yearAlone(_ i: Int) -> Int? {
        guard let y = isYear(i), !(i + 1 < n && (toks[i + 1].gap == Token.gHyphen || toks[i + 1].gap == Token.gOther) && toks[i + 1].has(Token.digit)) else {
            return nil
        }
        return take(DateHit(s: i, e: i + 1, y: y, m: nil, d: nil, kind: .absolute))
    }

    /// "last Friday", "Friday", or a weekday that starts a date ("Friday, 6 March 2020").
    mutating func weekday(_ i: Int) -> Int? {
        let t = toks[i]
        guard let w32 = Lexicon.weekdayHash.get(t.lit), t.has(Token.cap), t.length >= 6 || (day(i + 1) != nil && month(i + 2) != nil) else {
            return nil
        }
        let w = Int(w32)
        if i > 0, toks[i - 1].lit == DateFinder.last, toks[i].gap == Token.gSpace {
            var h = DateHit(s: i - 1, e: i + 1, y: nil, m: nil, d: nil, kind: .weekday(w))
            h.modifier = DateHit.pastMark
            hits.append(h)
        } else if i + 1 < n, toks[i + 1].gap & ~(Token.gSpace | Token.gComma | Token.gDot) == 0,
                  (day(i + 1) != nil && month(i + 2) != nil) || (month(i + 1) != nil && day(i + 2) != nil) {
            // "Friday, 6 March 2020", "Monday, November 10", "Sun 27 Oct 2019": one expression;
            // the date part is parsed by the rules above on the next iteration and starts at the weekday
            pendingWeekdayStart = i
        } else {
            push(DateHit(s: i, e: i + 1, y: nil, m: nil, d: nil, kind: .weekday(w)))
        }
        return i + 1
    }

    /// yesterday, today, tomorrow; last/this/next week, month, year.
    mutating func relativeWord(_ i: Int) -> Int? {
        let t = toks[i]
        if t.lit == DateFinder.yesterday { return take(DateHit(s: i, e: i + 1, kind: .dayOffset(-1))) }
        if t.lit == DateFinder.today { return take(DateHit(s: i, e: i + 1, kind: .dayOffset(0))) }
        if t.lit == DateFinder.tomorrow { return take(DateHit(s: i, e: i + 1, kind: .dayOffset(1))) }
        let last = DateFinder.last, this = DateFinder.this, next = DateFinder.next
        if (t.lit == last || t.lit == this || t.lit == next), i + 1 < n, toks[i + 1].gap == Token.gSpace {
            let off = t.lit == last ? -1 : (t.lit == next ? 1 : 0)
            let u = toks[i + 1].lit
            if u == DateFinder.weekSingular { return take(DateHit(s: i, e: i + 2, kind: .unresolved)) }
            if u == DateFinder.monthSingular { return take(DateHit(s: i, e: i + 2, kind: .monthOffset(off))) }
            if u == DateFinder.yearSingular { return take(DateHit(s: i, e: i + 2, kind: .yearOffset(off))) }
        }
        return nil
    }

    /// N days/weeks/months/years ago.
    mutating func unitsAgo(_ i: Int) -> Int? {
        let t = toks[i]
        guard i + 2 < n, toks[i + 2].lit == DateFinder.ago else { return nil }
        var q: Int? = DateFinder.number(s, t)
        if q == nil, let w = Lexicon.numberWords.get(t.lit) { q = Int(w) }
        guard let q else { return nil }
        let u = toks[i + 1].lit
        var kind: DateHit.Kind? = nil
        if q > 0 && DateFinder.day.contains(u) { kind = .dayOffset(-q) }
        else if q > 0 && DateFinder.month.contains(u) { kind = .monthOffset(-q) }
        else if q > 0 && DateFinder.year.contains(u) { kind = .yearOffset(-q) }
        else if DateFinder.week.contains(u) || DateFinder.day.contains(u) || DateFinder.month.contains(u) || DateFinder.year.contains(u) { kind = .unresolved }
        guard let kind else { return nil }
        return take(DateHit(s: i, e: i + 3, kind: kind))
    }
}

extension DateHit {
    init(s: Int, e: Int, kind: Kind) { self.init(s: s, e: e, y: nil, m: nil, d: nil, kind: kind) }
}
