import Foundation

/// Readers for public annotated news (CoNLL-2003 and the Groningen Meaning Bank CSV), rebuilt as documents with
/// code-point spans. Tokens are joined by single spaces and sentences by line breaks, as the data README asks.
public enum AnnotatedNews {
    /// A token and its tag in the source's own scheme ("B-PER", "I-geo", "O").
    public struct TaggedToken: Sendable {
        public var word: String
        public var pos: String
        public var tag: String
    }
    public typealias Sentence = [TaggedToken]

    /// CoNLL-2003 (`WORD POS CHUNK NER`, IOB1 or IOB2): documents split at `-DOCSTART-`.
    public static func conllDocuments(_ content: String) -> [[Sentence]] {
        var docs = [[Sentence]]()
        var doc = [Sentence]()
        var sentence = Sentence()
        func endSentence() { if !sentence.isEmpty { doc.append(sentence); sentence = [] } }
        func endDocument() { endSentence(); if !doc.isEmpty { docs.append(doc); doc = [] } }
        for line in content.split(separator: "\n", omittingEmptySubsequences: false) {
            let parts = line.split(separator: " ")
            if parts.isEmpty { endSentence(); continue }
            if parts[0] == "-DOCSTART-" { endDocument(); continue }
            guard parts.count >= 2 else { continue }
            sentence.append(TaggedToken(word: String(parts[0]), pos: parts.count >= 4 ? String(parts[1]) : "", tag: String(parts[parts.count - 1])))
        }
        endDocument()
        return docs
    }

    /// The GMB CSV (`Sentence #,Word,POS,Tag`, Latin-1): sentences in file order.
    public static func gmbSentences(_ content: String) -> [Sentence] {
        var out = [Sentence]()
        var sentence = Sentence()
        var first = true
        for line in content.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if first { first = false; continue }
            let fields = csvFields(line)
            guard fields.count >= 4 else { continue }
            if !fields[0].isEmpty, !sentence.isEmpty { out.append(sentence); sentence = [] }
            sentence.append(TaggedToken(word: fields[1], pos: fields[2], tag: fields[3]))
        }
        if !sentence.isEmpty { out.append(sentence) }
        return out
    }

    static func csvFields(_ line: Substring) -> [String] {
        var fields = [String]()
        var field = ""
        var quoted = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if quoted {
                if c == "\"" {
                    let n = line.index(after: i)
                    if n < line.endIndex, line[n] == "\"" { field.append("\""); i = line.index(after: n); continue }
                    quoted = false
                } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { fields.append(field); field = "" } else { field.append(c) }
            i = line.index(after: i)
        }
        fields.append(field)
        return fields
    }

    /// How a source tag maps onto the tagger's kinds (nil: no entity).
    public enum Scheme: Sendable {
        case conll
        case gmb

        func kind(_ label: String, pos: String) -> SpanKind? {
            switch self {
            case .conll:
                switch label { case "PER": return .person; case "ORG": return .org; case "LOC": return .location; case "MISC": return .misc; default: return nil }
            case .gmb:
                switch label {
                case "per": return .person
                case "org": return .org
                case "geo": return .location
                // gpe is mostly nationality adjectives ("British", "Iraqis"): NORP for us, MISC for the tagger
                case "gpe": return pos == "NNP" ? .location : .misc
                case "art", "eve", "nat": return .misc
                default: return nil
                }
            }
        }
    }

    /// One document from sentences: text and spans (IOB1 and IOB2 both read; GMB person spans lose leading titles).
    public static func document(_ sentences: [Sentence], scheme: Scheme) -> AnnotatedDocument {
        var text = ""
        var offset = 0
        var spans = [TypedSpan]()
        for (si, sentence) in sentences.enumerated() {
            if si > 0 { text.append("\n"); offset += 1 }
            var open: (start: Int, end: Int, kind: SpanKind, label: String, firstToken: Int)? = nil
            var tokenStarts = [Int]()
            func close(_ lastTokenEnd: Int) {
                guard var o = open else { return }
                if scheme == .gmb && o.kind == .person {
                    // GMB puts titles inside person names ("President Bush"); our guideline leaves them out
                    var k = o.firstToken
                    while k < tokenStarts.count - 1, k < sentence.count, Self.isTitle(sentence[k].word), tokenStarts[k + 1] < o.end {
                        k += 1
                        o.start = tokenStarts[k]
                    }
                    if k < sentence.count, Self.isTitle(sentence[k].word), tokenStarts.count > k, tokenStarts[k] + sentence[k].word.unicodeScalars.count >= o.end {
                        open = nil; return
                    }
                }
                spans.append(TypedSpan(start: o.start, end: o.end, kind: o.kind))
                open = nil
            }
            for (ti, token) in sentence.enumerated() {
                if ti > 0 { text.append(" "); offset += 1 }
                let start = offset
                tokenStarts.append(start)
                text.append(token.word)
                offset += token.word.unicodeScalars.count
                let tag = token.tag
                let parts = tag.split(separator: "-", maxSplits: 1)
                let prefix = parts.first.map(String.init) ?? "O"
                let label = parts.count > 1 ? String(parts[1]) : ""
                guard prefix != "O", let kind = scheme.kind(label, pos: token.pos) else { close(start); continue }
                if prefix == "I", open?.label == label {
                    open!.end = offset
                    continue
                }
                close(start)
                open = (start, offset, kind, label, ti)
            }
            close(offset)
        }
        return AnnotatedDocument(text: text, spans: spans)
    }

    static func isTitle(_ word: String) -> Bool {
        let lower = word.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        let h = Hash.of(lower)
        return Lexicon.titles.contains(h) || Lexicon.titleModifiers.contains(h)
    }

    /// Consecutive GMB sentences grouped into documents of `size` sentences (the CSV keeps no document breaks).
    public static func gmbDocuments(_ sentences: ArraySlice<Sentence>, size: Int = 12) -> [AnnotatedDocument] {
        var out = [AnnotatedDocument]()
        var i = sentences.startIndex
        while i < sentences.endIndex {
            let j = min(i + size, sentences.endIndex)
            out.append(document(Array(sentences[i..<j]), scheme: .gmb))
            i = j
        }
        return out
    }

    /// Reads a file as UTF-8, or as Latin-1 when it is not valid UTF-8 (the GMB CSV).
    public static func readText(_ url: URL) throws -> String {
        let data = try Data(contentsOf: url)
        if let s = String(data: data, encoding: .utf8) { return s }
        return String(data: data, encoding: .isoLatin1) ?? String(decoding: data, as: UTF8.self)
    }
}
