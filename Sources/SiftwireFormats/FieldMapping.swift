/// Which input field fills which document field, for JSON Lines, CSV and front matter.
///
/// Parsed from `content=text,outlet=source` (input-field=document-field, as `--map` takes it).
/// Input field names match case-insensitively. A document field given in the mapping is read only
/// from the fields mapped to it; every other document field is read from its default aliases
/// (`defaultAliases`, unless `useDefaults` is false). When several input fields map to one document
/// field, the first non-empty one in mapping order wins.
public struct FieldMapping: Sendable, Equatable {
    /// The input-field names read for each document field when the mapping does not name it.
    /// Documented in PROTOCOL.md beside `--map`; kept short so nothing is read by surprise.
    public static let defaultAliases: [DocumentRecord.Field: [String]] = [
        .text: ["text", "body", "content"],
        .title: ["title", "headline"],
        .source: ["source", "outlet", "publisher", "site_name"],
        .url: ["url", "link"],
        .published: ["published", "date", "published_at", "pubdate", "datepublished"],
        .language: ["language", "lang"],
        .author: ["author", "byline"],
        .tags: ["tags", "keywords", "categories"],
        .id: ["id"],
    ]

    /// Explicit `input-field → document field` pairs, in the order given.
    public private(set) var pairs: [(input: String, field: DocumentRecord.Field)]
    public var useDefaults: Bool

    public static let standard = FieldMapping()

    public init(_ pairs: [(input: String, field: DocumentRecord.Field)] = [], useDefaults: Bool = true) {
        self.pairs = pairs.map { ($0.input.lowercased(), $0.field) }
        self.useDefaults = useDefaults
    }

    /// Parses `source=target[,source=target…]`; whitespace around names is ignored; an empty
    /// specification is the standard mapping.
    public init(parsing spec: String, useDefaults: Bool = true) throws(FormatError) {
        var pairs: [(String, DocumentRecord.Field)] = []
        for rawPair in spec.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = rawPair.trimmingWhitespace()
            if pair.isEmpty {
                if spec.trimmingWhitespace().isEmpty { break }
                throw FormatError(.invalidMapping, "empty entry in mapping \"\(spec)\"; expected source=target pairs separated by commas")
            }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw FormatError(.invalidMapping, "\"\(pair)\" is not source=target (e.g. content=text)")
            }
            let input = parts[0].trimmingWhitespace(), target = parts[1].trimmingWhitespace()
            guard !input.isEmpty, !target.isEmpty else {
                throw FormatError(.invalidMapping, "\"\(pair)\" needs a name on both sides of =")
            }
            guard let field = DocumentRecord.Field(rawValue: target.lowercased()) else {
                let known = DocumentRecord.Field.allCases.map(\.rawValue).joined(separator: ", ")
                throw FormatError(.unknownField, "unknown document field \"\(target)\" in \"\(pair)\"; fields are: \(known)")
            }
            pairs.append((input, field))
        }
        self.init(pairs, useDefaults: useDefaults)
    }

    /// The input-field names (lowercased) read for `field`, in priority order.
    public func inputs(for field: DocumentRecord.Field) -> [String] {
        let explicit = pairs.filter { $0.field == field }.map(\.input)
        if !explicit.isEmpty || !useDefaults { return explicit }
        // A default alias the mapping sends elsewhere is not read here too.
        let claimed = Set(pairs.map(\.input))
        return (Self.defaultAliases[field] ?? []).filter { !claimed.contains($0) }
    }

    public static func == (a: FieldMapping, b: FieldMapping) -> Bool {
        a.useDefaults == b.useDefaults && a.pairs.elementsEqual(b.pairs) { $0.input == $1.input && $0.field == $1.field }
    }
}

/// A value read from an input field before it becomes a document field.
public enum FieldValue: Sendable, Equatable {
    case string(String)
    case number(String)
    case bool(Bool)
    case list([FieldValue])
    case object
    case null
}

/// Builds a `DocumentRecord` from named input fields through a `FieldMapping`.
public struct RecordBuilder: Sendable {
    public var mapping: FieldMapping
    /// Whether an unreadable publication date fails the record (`invalid_date`) or is dropped.
    public var strictDates: Bool
    /// Lookup order per document field, computed once.
    let lookups: [(DocumentRecord.Field, [String])]

    public init(mapping: FieldMapping = .standard, strictDates: Bool = true) {
        self.mapping = mapping
        self.strictDates = strictDates
        lookups = DocumentRecord.Field.allCases.map { ($0, mapping.inputs(for: $0)) }
    }

    /// `fields` keys must be lowercased input-field names.
    public func build(_ fields: [String: FieldValue]) throws(FormatError) -> DocumentRecord {
        var record = DocumentRecord(text: "")
        for (field, inputs) in lookups {
            for input in inputs {
                guard let value = fields[input] else { continue }
                if try assign(value, input: input, to: field, in: &record) { break }
            }
        }
        if record.text.allSatisfy(\.isWhitespace) {
            let names = mapping.inputs(for: .text).joined(separator: ", ")
            throw FormatError(.missingText, "no text: none of the fields read as text (\(names)) has any; map the text field with e.g. --map article_content=text")
        }
        return record
    }

    /// Sets `field` from `value`; false when the value is empty (the next input is tried).
    func assign(_ value: FieldValue, input: String, to field: DocumentRecord.Field, in record: inout DocumentRecord) throws(FormatError) -> Bool {
        if field == .tags {
            var tags: [String] = []
            switch value {
            case .string(let s): tags = Self.splitTags(s)
            case .number(let s): tags = [s]
            case .list(let items):
                for item in items {
                    switch item {
                    case .string(let s): let t = s.trimmingWhitespace(); if !t.isEmpty { tags.append(t) }
                    case .number(let s): tags.append(s)
                    case .null: break
                    default: throw FormatError(.invalidField, "field \"\(input)\" (tags) must be a list of strings")
                    }
                }
            case .null: return false
            default: throw FormatError(.invalidField, "field \"\(input)\" (tags) must be a string or a list of strings")
            }
            guard !tags.isEmpty else { return false }
            record.tags = tags
            return true
        }
        let text: String
        switch value {
        case .string(let s): text = s
        case .number(let s) where field == .id || field == .published || field == .title: text = s
        case .null: return false
        default:
            throw FormatError(.invalidField, "field \"\(input)\" (\(field.rawValue)) must be a string, not \(Self.describe(value))")
        }
        if field == .text {
            let normalised = text.contains("\r") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
            guard !normalised.allSatisfy(\.isWhitespace) else { return false }
            record.text = normalised
            return true
        }
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return false }
        switch field {
        case .title: record.title = trimmed
        case .source: record.source = trimmed
        case .url: record.url = trimmed
        case .language: record.language = trimmed
        case .author: record.author = trimmed
        case .id: record.id = trimmed
        case .published:
            if let date = PublicationDate.normalize(trimmed) {
                record.published = date
            } else if strictDates {
                throw FormatError(.invalidDate, "field \"\(input)\": \"\(trimmed.prefix(60))\" is not a date in a known form (2016-07-05, 7/5/2016, 5 July 2016, RFC 822)")
            } else {
                return false
            }
        case .text, .tags: break
        }
        return true
    }

    static func splitTags(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" }).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    static func describe(_ value: FieldValue) -> String {
        switch value {
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .list: "a list"
        case .object: "an object"
        case .null: "null"
        }
    }
}
