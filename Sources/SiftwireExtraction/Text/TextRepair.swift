/// Repaired text: a scalar buffer cleaned for analysis plus the map back to raw code-point offsets.
///
/// Repair joins hard-wrapped lines, normalizes apostrophes/quotes/dashes/odd spaces, deletes invisible
/// characters and drops boilerplate lines (newsletter prompts, share/comment/related/tags lines, cookie and
/// copyright notices). Every repaired scalar remembers the raw offset it came from, so a span of the repaired
/// text maps back to the exact raw slice (a joined "\n" is still in the raw slice).
struct RepairedText: Sendable {
    var raw: [UInt32]
    var text: [UInt32]
    /// `map[i]` is the raw offset of repaired scalar `i`; `map[text.count] == raw.count`.
    var map: [Int32]

    func rawRange(_ start: Int, _ end: Int) -> Range<Int> {
        let s = Int(map[start])
        let e = end > start ? Int(map[end - 1]) + 1 : s
        return s..<e
    }
    func rawString(_ start: Int, _ end: Int) -> String {
        let r = rawRange(start, end)
        return Scalars.string(raw[r])
    }
    /// The repaired text of a span with whitespace runs collapsed to one space.
    func cleanString(_ start: Int, _ end: Int) -> String {
        if end <= start { return "" }
        return text.withUnsafeBufferPointer { p -> String in
            var cap = 0
            for i in start..<end { cap &+= Scalars.utf8Length(p[i]) }
            return String(unsafeUninitializedCapacity: cap) { out in
                var o = 0
                var lastSpace = false
                for i in start..<end {
                    let c = p[i]
                    if Scalars.isWhitespace(c) {
                        if !lastSpace { out[o] = 0x20; o &+= 1 }
                        lastSpace = true
                    } else { o = Scalars.writeUTF8(c, out, o); lastSpace = false }
                }
                return o
            }
        }
    }
}

enum TextRepair {
    static func repair(_ rawText: String) -> RepairedText {
        let raw = Scalars.array(rawText)
        return repair(raw)
    }

    // Long because: one pass over unsafe output buffers writes the repaired text and its offset map together (the engine's first hot loop); line joins and character repairs share that writer.
    static func repair(_ raw: [UInt32]) -> RepairedText {
        let n = raw.count
        // line table
        var lines = [(Int, Int)]() // [start, end) without the line break
        var i = 0
        var ls = 0
        while i < n {
            let c = raw[i]
            if c == 0x0A || c == 0x2028 || c == 0x2029 || c == 0x85 {
                var e = i
                if e > ls && raw[e - 1] == 0x0D { e -= 1 }
                lines.append((ls, e)); ls = i + 1
            }
            i += 1
        }
        lines.append((ls, n))
        // Output bound: per line at most one separator plus its content (the line break itself is never copied).
        let cap = n + lines.count + 1
        let tbuf = UnsafeMutablePointer<UInt32>.allocate(capacity: cap)
        let mbuf = UnsafeMutablePointer<Int32>.allocate(capacity: cap + 1)
        defer { tbuf.deallocate(); mbuf.deallocate() }
        var t = 0
        @inline(__always) func emit(_ c: UInt32, _ at: Int) { tbuf[t] = c; mbuf[t] = Int32(truncatingIfNeeded: at); t &+= 1 }
        raw.withUnsafeBufferPointer { rp in

            var prevKind = LineKind.blank
            var prevContentEnd = -1   // raw index of the last emitted content char of the previous line
            var prevLen = 0
            var prevLastChar: UInt32 = 0
            var prevSecondLast: UInt32 = 0
            var seenContent = false
            var firstContentLine = true
            var prevOpensParagraph = false // the previous content line followed a blank line (or started the text)
            for (li, (a, b)) in lines.enumerated() {
                var s = a, e = b
                while s < e && Scalars.isWhitespace(raw[s]) { s += 1 }
                while e > s && Scalars.isWhitespace(raw[e - 1]) { e -= 1 }
                let kind = classify(raw, s, e)
                if kind == .blank || kind == .boilerplate {
                    if prevKind != .blank && seenContent {
                        // paragraph break (mapped to the line's start)
                        emit(0x0A, min(a, n > 0 ? n - 1 : 0))
                    }
                    prevKind = .blank
                    _ = li
                    continue
                }
                // separator between previous content line and this one
                if seenContent && prevKind != .blank {
                    let firstChar = raw[s]
                    let canJoin = prevKind == .text && kind == .text && (firstContentLine
                        ? (Scalars.isLower(firstChar) || prevLastChar == 0x2C || Scalars.isHyphen(prevLastChar))
                        : (prevLen >= 40 || Scalars.isLower(firstChar) || Scalars.isLower(prevLastChar) || prevLastChar == 0x2C))
                        // a short one-line section header ("Health", "Camps") before a capitalised line is not wrapped text
                        && !(prevOpensParagraph && prevLen <= 30 && Scalars.isUpper(firstChar) && Scalars.isLetter(prevLastChar))
                    if canJoin && Scalars.isHyphen(prevLastChar) && Scalars.isLetter(prevSecondLast) && Scalars.isLetter(firstChar) {
                        // "al-\nSham": drop the break entirely
                    } else if canJoin {
                        emit(0x20, prevContentEnd + 1 < n ? prevContentEnd + 1 : prevContentEnd)
                    } else {
                        emit(0x0A, prevContentEnd + 1 < n ? prevContentEnd + 1 : prevContentEnd)
                    }
                }
                if seenContent && prevKind == .blank { firstContentLine = false }
                else if seenContent { firstContentLine = false }
                // emit the line's content
                var k = s
                while k < e {
                    let c = rp[k]
                    // printable ASCII other than the backtick passes through unchanged
                    if c &- 0x20 < 0x5F && c != 0x60 { emit(c, k); k &+= 1; continue }
                    var o = c
                    var width = 1
                    // "â€™", "Ã©": UTF-8 shown as Windows-1252 (TextDamage)
                    if c >= 0xC2 && c <= 0xF4, let (decoded, used) = TextDamage.mojibake(rp, k, e) { o = decoded; width = used }
                    switch o {
                    case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD, 0x0D: k += 1; continue
                    case 0x09, 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: o = 0x20
                    case 0x2018, 0x2019, 0x201B, 0x2032, 0x02BC, 0x60, 0xB4: o = 0x27
                    case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033: o = 0x22
                    case 0x2010, 0x2011, 0x2012, 0x2212, 0xFE63, 0xFF0D: o = 0x2D
                    case 0x2013, 0x2014, 0x2015: o = 0x2013
                    default: break
                    }
                    emit(o, k)
                    k += width
                }
                prevContentEnd = e - 1
                prevLen = e - s
                prevLastChar = raw[e - 1]
                prevSecondLast = e - 2 >= s ? raw[e - 2] : 0
                prevOpensParagraph = !seenContent || prevKind == .blank
                prevKind = kind
                seenContent = true
            }
        }
        mbuf[t] = Int32(truncatingIfNeeded: n)
        let text = Array(UnsafeBufferPointer(start: tbuf, count: t))
        let map = Array(UnsafeBufferPointer(start: mbuf, count: t + 1))
        return TextDamage.undo(RepairedText(raw: raw, text: text, map: map))
    }

    enum LineKind { case blank, boilerplate, heading, list, text }

    static let boilerplatePrefixes: [String] = [
        "subscribe", "sign up", "signup", "newsletter", "get our newsletter", "join our newsletter", "leave a reply",
        "leave a comment", "tags:", "tags :", "tagged:", "tagged with", "share this", "share on", "share:", "share via",
        "comments", "comment:", "related:", "related articles", "related posts", "related stories", "related content",
        "read more", "read also", "also read", "more on this", "click here", "follow us", "like us on", "cookie",
        "we use cookies", "this website uses cookies", "this site uses cookies", "by continuing to use", "accept cookies",
        "©", "(c)", "copyright", "all rights reserved", "advertisement", "sponsored", "posted in", "filed under",
        "you may also like", "recommended", "print this", "email this", "your email address", "required fields",
        "log in to", "login to", "previous article", "next article", "previous post", "next post", "support our journalism",
        "donate", "facebook", "twitter", "whatsapp", "telegram channel", "loading", "skip to content", "jump to",
    ]
    static let boilerplateContains: [String] = ["newsletter", "cookies", "all rights reserved", "leave a reply", "subscribe to", "sign up for", "comments are closed", "share this article"]

    static let prefixScalars: [[UInt32]] = boilerplatePrefixes.map(Scalars.array)
    static let containsScalars: [[UInt32]] = boilerplateContains.map(Scalars.array)
    static let shortOnly: Set<Int> = Set(["comments", "recommended", "sponsored", "facebook", "twitter", "whatsapp", "loading", "donate", "cookie", "tags :"].compactMap { boilerplatePrefixes.firstIndex(of: $0) })
    @inline(__always) static func hasPrefix(_ a: [UInt32], _ p: [UInt32]) -> Bool {
        if a.count < p.count { return false }
        for i in 0..<p.count where a[i] != p[i] { return false }
        return true
    }
    static func contains(_ a: [UInt32], _ p: [UInt32]) -> Bool {
        if a.count < p.count { return false }
        let f = p[0]
        var i = 0
        while i + p.count <= a.count {
            if a[i] == f {
                var ok = true
                for j in 1..<p.count where a[i + j] != p[j] { ok = false; break }
                if ok { return true }
            }
            i += 1
        }
        return false
    }

    static func classify(_ raw: [UInt32], _ s: Int, _ e: Int) -> LineKind {
        if s >= e { return .blank }
        // only punctuation?
        var hasWord = false
        for k in s..<e where Scalars.isLetterOrDigit(raw[k]) { hasWord = true; break }
        if !hasWord { return raw[s] == 0x23 ? .blank : .boilerplate }
        let len = e - s
        if len <= 160 {
            var lower = [UInt32](); lower.reserveCapacity(len)
            var k = s
            // skip leading markdown/bullets
            while k < e && (raw[k] == 0x23 || raw[k] == 0x2A || raw[k] == 0x3E || raw[k] == 0x20 || raw[k] == 0x5F) { k += 1 }
            while k < e { let f = Scalars.foldBase(raw[k]); lower.append(f == 0 ? 0x27 : f); k += 1 }
            for (pi, p) in prefixScalars.enumerated() where hasPrefix(lower, p) {
                if shortOnly.contains(pi) && len > 40 { continue }
                return .boilerplate
            }
            if let f = lower.first, f == 0xA9 { return .boilerplate }
            if len <= 120 { for p in containsScalars where contains(lower, p) { return .boilerplate } }
        }
        if raw[s] == 0x23 { return .heading }
        if (raw[s] == 0x2D || raw[s] == 0x2A || raw[s] == 0x2022) && s + 1 < e && raw[s + 1] == 0x20 { return .list }
        return .text
    }
}
