import Foundation

/// The phrases of an FTS5 query in the part of FTS5's syntax that top-k search bounds: words and
/// `"quoted phrases"`, each optionally a `prefix*`, joined by `AND`, `OR`, `NOT`, implicit AND and
/// parentheses. Anything else (`NEAR(…)`, `col:`, `{cols}`, `^`, `+`, `-`) gives no plan, and the
/// search ranks every match instead (`TopKSearch`).
///
/// Grouping is FTS5's (fts5parse.y): phrases written side by side bind tightest, then `NOT`, then
/// `AND`, then `OR`, each left to right.
struct FTSQueryPlan: Equatable {
    struct Phrase: Equatable {
        /// The phrase as written, without quotes (`""` unescaped).
        var text: String
        var isPrefix: Bool
        /// False when no matching row can hold the phrase (it is all of a `NOT`'s right side, and
        /// that `NOT` must hold for a row to match), so it adds nothing to any score.
        var scores: Bool
    }

    /// Every phrase, in the order written (FTS5 scores each occurrence on its own).
    var phrases: [Phrase]

    init?(_ text: String) {
        guard let tokens = Self.lex(text) else { return nil }
        var parser = Parser(tokens: tokens)
        guard let tree = parser.parseOr(), parser.atEnd else { return nil }
        var phrases: [Phrase] = []
        Self.collect(tree, required: true, into: &phrases)
        guard !phrases.isEmpty else { return nil }
        self.phrases = phrases
    }

    enum Token: Equatable { case phrase(String, prefix: Bool), and, or, not, open, close }

    indirect enum Node: Equatable {
        case phrase(String, prefix: Bool)
        case and([Node])
        case or(Node, Node)
        case not(Node, Node)
    }

    /// FTS5's query tokens; nil for syntax outside the plan (or not FTS5's at all: FTS5 then says why).
    static func lex(_ text: String) -> [Token]? {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        var i = 0
        func isBareword(_ c: UInt8) -> Bool {
            c >= 0x80 || c == 0x1a || c == 0x5f || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
        }
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case 0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d:
                i += 1
            case UInt8(ascii: "("): tokens.append(.open); i += 1
            case UInt8(ascii: ")"): tokens.append(.close); i += 1
            case UInt8(ascii: "*"):
                guard case .phrase(let phrase, prefix: false)? = tokens.last else { return nil }
                tokens[tokens.count - 1] = .phrase(phrase, prefix: true)
                i += 1
            case UInt8(ascii: "\""):
                var phrase: [UInt8] = []
                i += 1
                var closed = false
                while i < bytes.count {
                    if bytes[i] == UInt8(ascii: "\"") {
                        if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") { phrase.append(bytes[i]); i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    phrase.append(bytes[i])
                    i += 1
                }
                guard closed else { return nil }
                tokens.append(.phrase(String(decoding: phrase, as: UTF8.self), prefix: false))
            default:
                guard isBareword(c) else { return nil }
                let start = i
                while i < bytes.count, isBareword(bytes[i]) { i += 1 }
                let word = String(decoding: bytes[start..<i], as: UTF8.self)
                switch word {
                case "AND": tokens.append(.and)
                case "OR": tokens.append(.or)
                case "NOT": tokens.append(.not)
                default: tokens.append(.phrase(word, prefix: false))
                }
            }
        }
        // A word before `(` is a NEAR group (or an error): not planned.
        for (k, token) in tokens.enumerated() where token == .open && k > 0 {
            if case .phrase = tokens[k - 1] { return nil }
        }
        return tokens
    }

    private struct Parser {
        let tokens: [Token]
        var position = 0

        var atEnd: Bool { position == tokens.count }
        private var next: Token? { position < tokens.count ? tokens[position] : nil }

        mutating func parseOr() -> Node? {
            guard var left = parseAnd() else { return nil }
            while next == .or {
                position += 1
                guard let right = parseAnd() else { return nil }
                left = .or(left, right)
            }
            return left
        }

        private mutating func parseAnd() -> Node? {
            guard var left = parseNot() else { return nil }
            while next == .and {
                position += 1
                guard let right = parseNot() else { return nil }
                left = .and([left, right])
            }
            return left
        }

        private mutating func parseNot() -> Node? {
            guard var left = parsePrimary() else { return nil }
            while next == .not {
                position += 1
                guard let right = parsePrimary() else { return nil }
                left = .not(left, right)
            }
            return left
        }

        /// A parenthesised query, or phrases side by side (implicit AND).
        private mutating func parsePrimary() -> Node? {
            if next == .open {
                position += 1
                guard let inner = parseOr(), next == .close else { return nil }
                position += 1
                return inner
            }
            var phrases: [Node] = []
            while case .phrase(let text, let prefix)? = next {
                phrases.append(.phrase(text, prefix: prefix))
                position += 1
            }
            switch phrases.count {
            case 0: return nil
            case 1: return phrases[0]
            default: return .and(phrases)
            }
        }
    }

    /// The phrases in written order; `required`: the node must match for the whole query to.
    private static func collect(_ node: Node, required: Bool, into phrases: inout [Phrase]) {
        switch node {
        case .phrase(let text, let prefix):
            phrases.append(Phrase(text: text, isPrefix: prefix, scores: true))
        case .and(let children):
            for child in children { collect(child, required: required, into: &phrases) }
        case .or(let left, let right):
            collect(left, required: false, into: &phrases)
            collect(right, required: false, into: &phrases)
        case .not(let left, let right):
            collect(left, required: required, into: &phrases)
            let absent = required && isDisjunction(right)
            let start = phrases.count
            collect(right, required: false, into: &phrases)
            if absent { for k in start..<phrases.count { phrases[k].scores = false } }
        }
    }

    /// A phrase or an OR of phrases: a row outside it holds none of them.
    private static func isDisjunction(_ node: Node) -> Bool {
        switch node {
        case .phrase: true
        case .or(let left, let right): isDisjunction(left) && isDisjunction(right)
        case .and, .not: false
        }
    }
}
