import Foundation

/// Name-aware expansion of an FTS5 query: terms that name a known entity are replaced by an OR of
/// that entity's spellings, each a quoted phrase. Everything else in the query is kept byte for
/// byte, so operators, prefixes, column filters and NEAR groups behave as written.
///
/// Expanded: bare words made only of letters and digits (or joined by hyphens and apostrophes, as
/// in "al-Jolani", which are quoted when they name nothing known), and quoted phrases not followed by `*`,
/// outside `NEAR(…)`, not joined by `+`, and not carrying a `col:` or `^` of their own.
struct SearchExpansion {
    enum TokenKind: Equatable { case word, phrase, open, close, other }

    struct Token {
        var kind: TokenKind
        var range: Range<String.Index>
        /// A phrase without its quotes and with `""` unescaped; a word as written.
        var term: String
    }

    /// Splits an FTS5 query into words, phrases, parentheses and anything else (operators, `*`, `:`, `+`, `^`).
    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c.isWhitespace { i = text.index(after: i); continue }
            let start = i
            if c == "\"" {
                var term = ""
                i = text.index(after: i)
                var closed = false
                while i < text.endIndex {
                    if text[i] == "\"" {
                        let next = text.index(after: i)
                        if next < text.endIndex, text[next] == "\"" { term.append("\""); i = text.index(after: next); continue }
                        i = next
                        closed = true
                        break
                    }
                    term.append(text[i])
                    i = text.index(after: i)
                }
                tokens.append(Token(kind: closed ? .phrase : .other, range: start..<i, term: term))
            } else if c == "(" || c == ")" {
                i = text.index(after: i)
                tokens.append(Token(kind: c == "(" ? .open : .close, range: start..<i, term: String(c)))
            } else {
                while i < text.endIndex, !text[i].isWhitespace, !"\"()".contains(text[i]) { i = text.index(after: i) }
                let word = String(text[start..<i])
                let isWord = (word.allSatisfy { $0.isLetter || $0.isNumber } || isCompoundName(word)) && !["AND", "OR", "NOT", "NEAR"].contains(word)
                tokens.append(Token(kind: isWord ? .word : .other, range: start..<i, term: word))
            }
        }
        return tokens
    }

    /// Letters and digits joined by hyphens or apostrophes, as names are written ("al-Jolani",
    /// "Hay'at", "ash-Sham"). FTS5 would read the hyphen as syntax, so such a word is searched as
    /// the phrase it means: expanded when it names an entity, else quoted (see `rewrite`).
    static func isCompoundName(_ word: String) -> Bool {
        guard let first = word.first, let last = word.last, first.isLetter || first.isNumber, last.isLetter || last.isNumber else { return false }
        return word.allSatisfy { $0.isLetter || $0.isNumber || "-'’".contains($0) } && word.contains(where: { "-'’".contains($0) })
    }

    /// Indices of the tokens that may be replaced by an OR group.
    static func expandable(_ text: String, _ tokens: [Token]) -> [Int] {
        var result: [Int] = []
        var nearDepth = 0, depth = 0
        for (k, token) in tokens.enumerated() {
            switch token.kind {
            case .open:
                depth += 1
                if k > 0, tokens[k - 1].kind == .other, tokens[k - 1].term == "NEAR", tokens[k - 1].range.upperBound == token.range.lowerBound, nearDepth == 0 {
                    nearDepth = depth
                }
            case .close:
                if depth == nearDepth { nearDepth = 0 }
                depth = max(0, depth - 1)
            case .word, .phrase:
                guard nearDepth == 0 else { continue }
                let previous = k > 0 ? tokens[k - 1] : nil
                let next = k + 1 < tokens.count ? tokens[k + 1] : nil
                // `"x"*` or `x*` (prefix), `^x` (initial token), `x + y` (phrase concatenation).
                if let next, next.kind == .other, next.term.hasPrefix("*") || next.term == "+" || next.term.hasPrefix(":") { continue }
                if let previous, previous.kind == .other, previous.term == "+" || previous.term.hasSuffix("^") { continue }
                if token.kind == .phrase, token.term.allSatisfy({ !$0.isLetter && !$0.isNumber }) { continue }
                result.append(k)
            case .other:
                continue
            }
        }
        return result
    }

    /// Whether the token at `k` ends an operand (so a following group needs an explicit AND: this
    /// FTS5 does not accept implicit AND next to a parenthesised group).
    private static func endsOperand(_ token: Token) -> Bool {
        switch token.kind {
        case .word, .phrase, .close: true
        case .open: false
        case .other: !["AND", "OR", "NOT", "NEAR", "+"].contains(token.term) && !token.term.hasSuffix(":") && !token.term.hasSuffix("^")
        }
    }

    private static func startsOperand(_ token: Token) -> Bool {
        switch token.kind {
        case .word, .phrase, .open: true
        case .close: false
        case .other: !["AND", "OR", "NOT", "+"].contains(token.term) && !token.term.hasPrefix("*")
        }
    }

    /// The forms minus those that contain another form as a run of whole words ("Hay'at Tahrir
    /// al-Sham" when "Tahrir al-Sham" is there): they match no document the shorter one misses, and
    /// each phrase in an OR costs FTS5 a pass over its position lists. Words are split and folded
    /// as the index's tokenizer does (letters and digits; case and diacritics ignored).
    static func withoutContainedPhrases(_ forms: [String]) -> [String] {
        let words = forms.map { form in
            form.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .split { !($0.isLetter || $0.isNumber) }.map(String.init)
        }
        func contains(_ long: [String], _ short: [String]) -> Bool {
            guard !short.isEmpty, short.count <= long.count else { return false }
            return (0...(long.count - short.count)).contains { Array(long[$0..<($0 + short.count)]) == short }
        }
        return forms.indices.filter { i in
            !forms.indices.contains { j in
                j != i && contains(words[i], words[j]) && (words[j].count < words[i].count || j < i)
            }
        }.map { forms[$0] }
    }

    static func quote(_ phrase: String) -> String {
        "\"" + phrase.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Rewrites `text`, asking `spellings` for each expandable term's entity and surface forms.
    /// Returns the query to run and what was expanded.
    static func rewrite(_ text: String, spellings: (String) throws -> (entityID: String, aliases: [String])?) rethrows
        -> (text: String, expansions: [(term: String, entityID: String, aliases: [String])]) {
        let tokens = tokenize(text)
        var found: [Int: (entityID: String, forms: [String])] = [:]
        var expansions: [(term: String, entityID: String, aliases: [String])] = []
        for k in expandable(text, tokens) {
            let token = tokens[k]
            guard let entity = try spellings(token.term) else { continue }
            var seen: Set<String> = [token.term.lowercased()]
            var forms = [token.term]
            for alias in entity.aliases where alias.contains(where: { $0.isLetter || $0.isNumber }) {
                if seen.insert(alias.lowercased()).inserted { forms.append(alias) }
            }
            guard forms.count > 1 else { continue }
            found[k] = (entity.entityID, forms)
            expansions.append((token.term, entity.entityID, forms))
        }
        var replacements: [(Range<String.Index>, String)] = []
        for (k, token) in tokens.enumerated() {
            guard let entity = found[k] else {
                if token.kind == .word, isCompoundName(token.term) { replacements.append((token.range, quote(token.term))) }
                continue
            }
            var group = "(" + withoutContainedPhrases(entity.forms).map(quote).joined(separator: " OR ") + ")"
            // One AND per gap: the left neighbour's own group, if any, already added it.
            if k > 0, endsOperand(tokens[k - 1]) { group = "AND " + group }
            if k + 1 < tokens.count, found[k + 1] == nil, startsOperand(tokens[k + 1]) { group += " AND" }
            replacements.append((token.range, group))
        }
        var result = ""
        var cursor = text.startIndex
        for (range, replacement) in replacements {
            result += text[cursor..<range.lowerBound]
            result += replacement
            cursor = range.upperBound
        }
        result += text[cursor...]
        return (result, expansions)
    }
}
