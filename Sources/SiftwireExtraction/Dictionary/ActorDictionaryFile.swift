/// A line of `actors.tsv` that could not be read.
public struct ActorDictionaryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number in the file.
    public var line: Int
    public var reason: String
    public init(line: Int, reason: String) { self.line = line; self.reason = reason }
    public var description: String { "actors.tsv line \(line): \(reason)" }
}

/// The seed dictionary file format (`actors.tsv`).
///
/// One entry per line, fields separated by TAB: `id  TYPE  canonical name  aliases`, where TYPE is one of
/// PERSON, ORG, LOCATION, NORP and aliases are separated by `|` (the aliases field may be empty or absent).
/// Lines starting with `#` are comments; blank lines are ignored. Ids must be unique and contain no spaces.
public enum ActorDictionaryFile {
    public static func parse(_ text: String) throws -> [DictionaryEntry] {
        var entries = [DictionaryEntry]()
        var seen = [String: Int]()
        var lineNo = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 3 else {
                throw ActorDictionaryError(line: lineNo, reason: "expected at least 3 tab-separated fields (id, TYPE, name), found \(fields.count)")
            }
            guard fields.count <= 4 else { throw ActorDictionaryError(line: lineNo, reason: "too many fields (\(fields.count)); aliases are separated by |") }
            let id = fields[0]
            guard !id.isEmpty, !id.contains(" ") else { throw ActorDictionaryError(line: lineNo, reason: "invalid id '\(id)'") }
            guard let type = EntityType(rawValue: fields[1].uppercased()) else {
                throw ActorDictionaryError(line: lineNo, reason: "unknown type '\(fields[1])' (expected PERSON, ORG, LOCATION or NORP)")
            }
            let name = fields[2]
            guard !name.isEmpty else { throw ActorDictionaryError(line: lineNo, reason: "empty canonical name") }
            if let first = seen[id] { throw ActorDictionaryError(line: lineNo, reason: "duplicate id '\(id)' (first on line \(first))") }
            seen[id] = lineNo
            var aliases = [String]()
            if fields.count == 4 {
                for a in fields[3].split(separator: "|") {
                    let t = a.trimmingCharacters(in: .whitespaces)
                    if !t.isEmpty && !aliases.contains(t) && t != name { aliases.append(t) }
                }
            }
            entries.append(DictionaryEntry(id: id, type: type, name: name, aliases: aliases))
        }
        return entries
    }
}

import Foundation

/// Hashed token trie over dictionary names, keyed by per-token matching keys.
struct DictionaryIndex: Sendable {
    var entries: [DictionaryEntry]
    var edges = U64Map(capacity: 4096)
    var terminal: [Int32] = [-1]   // per node: entry index or -1
    /// Token keys of every name of each entry (for short-form resolution).
    var entryTokenKeys: [[UInt64]] = []
    /// Canonical name followed by aliases, and the same as a set.
    var entryNames: [[String]] = []
    /// Literal (case/diacritic-folded) spellings of the entry's one-word names.
    var entrySingleLits: [[[UInt32]]] = []
    /// `Hash` of each spelling in `entrySingleLits` (the same hash a token's `lit` has).
    var entrySingleLitHashes: [[UInt64]] = []
    static let lowerMark: UInt64 = 0x5bd1e9955bd1e995
    var entryNameSet: [Set<String>] = []

    init(_ entries: [DictionaryEntry]) {
        self.entries = entries
        entryTokenKeys = Array(repeating: [], count: entries.count)
        entryNames = entries.map { [$0.name] + $0.aliases }
        entrySingleLits = Array(repeating: [], count: entries.count)
        entrySingleLitHashes = Array(repeating: [], count: entries.count)
        entryNameSet = entryNames.map { Set($0) }
        for (ei, e) in entries.enumerated() {
            for name in [e.name] + e.aliases { insert(name, ei) }
        }
    }

    private mutating func insert(_ name: String, _ ei: Int) {
        let s = Scalars.array(name)
        var toks = Tokenizer.tokenize(s)
        Tokenizer.computeKeys(s, &toks)
        var k = 0
        // leading articles and "the" are optional in text: strip them from the stored path, except when what
        // remains is one short word ("al-Bab", "al-Hol": the article is part of the name)
        while k < toks.count - 1 && (toks[k].has(Token.article) || toks[k].lit == Lexicon.the) { k += 1 }
        if k == toks.count - 1 && k > 0 && toks[k].length < 5 && !toks[k].isAcronym {
            k = 0
            while k < toks.count - 1 && toks[k].lit == Lexicon.the { k += 1 }
        }
        if k >= toks.count { return }
        if k == toks.count - 1 && !toks[k].isAcronym {
            var lit = [UInt32]()
            for q in Int(toks[k].start)..<Int(toks[k].end) { let b = Scalars.foldBase(s[q]); if b != 0 { lit.append(b) } }
            entrySingleLits[ei].append(lit)
            var h = Hash.seed
            for c in lit { h = Hash.fnv(h, c) }
            entrySingleLitHashes[ei].append(h)
        }
        var node: Int32 = 0
        for (pos, t) in toks[k...].enumerated() {
            var key = t.dictKey
            if pos > 0 && t.has(Token.lower) && !t.has(Token.article) { key = t.lit ^ DictionaryIndex.lowerMark }
            if !entryTokenKeys[ei].contains(t.key) && !t.has(Token.article) { entryTokenKeys[ei].append(t.key) }
            if let nx = edges.get(key, tag: UInt32(node)) { node = nx } else {
                let nx = Int32(terminal.count)
                terminal.append(-1)
                edges.set(key, tag: UInt32(node), nx)
                node = nx
            }
        }
        if terminal[Int(node)] < 0 { terminal[Int(node)] = Int32(ei) }
    }

    /// A one-word match through the folded key must also be spelled close to a known spelling
    /// (folding makes "Press" and "Paris" collide; edit distance keeps them apart).
    func closeSpelling(_ s: [UInt32], _ t: Token, entry: Int) -> Bool {
        let lits = entrySingleLits[entry]
        if lits.isEmpty { return true }
        var w = [UInt32]()
        for q in Int(t.start)..<Int(t.end) { let b = Scalars.foldBase(s[q]); if b != 0 { w.append(b) } }
        // an exact spelling decides at once (hash first, then the letters): no edit distances needed
        let hashes = entrySingleLitHashes[entry]
        for (k, h) in hashes.enumerated() where h == t.lit && lits[k] == w { return true }
        for l in lits {
            if l == w { return true }
            let limit = Int(Double(max(l.count, w.count)) * 0.45)
            if DictionaryIndex.editDistance(l, w, limit: limit) <= limit { return true }
        }
        return false
    }
    static func editDistance(_ a: [UInt32], _ b: [UInt32], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where a.count > 0 {
            cur[0] = i
            for j in 1...max(b.count, 1) where b.count > 0 {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// Longest dictionary match starting at token `i`: (exclusive end token, entry index).
    @inline(__always) func longestMatch(_ toks: [Token], _ i: Int) -> (Int, Int)? {
        var node: Int32 = 0
        var best: (Int, Int)? = nil
        var j = i
        while j < toks.count {
            let t = toks[j]
            if j > i && !t.joinable { break }
            var next: Int32? = nil
            if t.isAcronym {
                next = edges.get(t.acroKey, tag: UInt32(node))
                // all-caps words: the folded key for long words, and for short ones inside an all-caps run ("RAS AL-AIN")
                if next == nil && (t.length >= 4 || t.length >= 2 && (j > i || j + 1 < toks.count && toks[j + 1].joinable && toks[j + 1].has(Token.allCaps))) {
                    next = edges.get(t.key, tag: UInt32(node))
                }
            } else if j > i && t.has(Token.lower) && !t.has(Token.article) {
                next = edges.get(t.key ^ DictionaryIndex.lowerMark, tag: UInt32(node)) // lower-case word only where the alias has one
            } else {
                next = edges.get(t.key, tag: UInt32(node))
                if next == nil && j > i { next = edges.get(t.lit ^ DictionaryIndex.lowerMark, tag: UInt32(node)) }
            }
            guard let nx = next else { break }
            node = nx
            j += 1
            let term = terminal[Int(nx)]
            if term >= 0 { best = (j, Int(term)) }
        }
        return best
    }
}
