/// Plain text and Markdown files, with optional YAML-style front matter.
///
/// A file that starts with a `---` line and has a closing `---` (or `...`) line carries metadata
/// between them: `key: value` lines (values may be quoted), and lists as `[a, b]` or as `- item`
/// lines under the key. The keys go through the same `FieldMapping` as JSON Lines (so `title`,
/// `source`, `published`/`date`, `url`, `tags`, `author`, `language`, `id`), and the body after the
/// block is the text. An unreadable date there is dropped rather than failing the file.
///
/// Without front matter the file is read as it always was: the whole text, no title (downstream
/// the extractor takes the first line as the title).
public enum TextDocument {
    public static func record(text raw: String, mapping: FieldMapping = .standard) throws(FormatError) -> DocumentRecord {
        var text = raw
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard let (fields, body) = frontMatter(text) else {
            guard !text.allSatisfy(\.isWhitespace) else { throw FormatError(.missingText, "the file is empty") }
            return DocumentRecord(text: raw)
        }
        var named = fields
        for alias in mapping.inputs(for: .text) { named[alias] = nil }
        named[mapping.inputs(for: .text).first ?? "text"] = .string(body)
        let builder = RecordBuilder(mapping: mapping, strictDates: false)
        do throws(FormatError) {
            return try builder.build(named)
        } catch {
            if error.code == .missingText { throw FormatError(.missingText, "the file has front matter but no text after it") }
            throw error
        }
    }

    /// The front matter's fields (keys lowercased) and the body after it, or nil when there is none.
    static func frontMatter(_ text: String) -> ([String: FieldValue], String)? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        guard let first = lines.next(), first.trimmingWhitespace() == "---" else { return nil }
        var fields: [String: FieldValue] = [:]
        var lastKey: String?
        var consumed = first.utf8.count + 1
        var closed = false
        while let line = lines.next() {
            consumed += line.utf8.count + 1
            let trimmed = line.trimmingWhitespace()
            if trimmed == "---" || trimmed == "..." { closed = true; break }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("- "), let key = lastKey {
                let item = FieldValue.string(unquote(String(trimmed.dropFirst(2))))
                if case .list(let items) = fields[key] { fields[key] = .list(items + [item]) } else { fields[key] = .list([item]) }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingWhitespace().lowercased()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            guard !key.isEmpty else { continue }
            lastKey = key
            if value.isEmpty {
                fields[key] = .list([])
            } else if value.hasPrefix("["), value.hasSuffix("]") {
                fields[key] = .list(value.dropFirst().dropLast().split(separator: ",").map { .string(unquote($0.trimmingWhitespace())) })
            } else {
                fields[key] = .string(unquote(value))
            }
        }
        guard closed else { return nil }
        let bodyStart = text.utf8.index(text.utf8.startIndex, offsetBy: min(consumed, text.utf8.count))
        var body = String(text[bodyStart...])
        while body.hasPrefix("\n") || body.hasPrefix("\r\n") { body.removeFirst() }
        return (fields, body)
    }

    static func unquote(_ s: String) -> String {
        if s.count >= 2, (s.hasPrefix("\"") && s.hasSuffix("\"")) || (s.hasPrefix("'") && s.hasSuffix("'")) {
            return String(s.dropFirst().dropLast())
        }
        return s
    }
}
