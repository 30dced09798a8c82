/// What went wrong reading an input file or one record in it. The raw values are stable: tools and
/// tests match on them, and they never change meaning once released.
public enum FormatErrorCode: String, Codable, Sendable, CaseIterable {
    /// The file's format could not be told from its extension and none was given.
    case unknownFormat = "unknown_format"
    /// A `--map` specification is not a comma-separated list of `source=target` pairs.
    case invalidMapping = "invalid_mapping"
    /// A `--map` target is not one of the document fields (the message lists them).
    case unknownField = "unknown_field"
    /// A JSON Lines line is not valid JSON.
    case invalidJSON = "invalid_json"
    /// A JSON Lines line is valid JSON but not an object.
    case notAnObject = "not_an_object"
    /// A field has the wrong type (an object where a string was expected, a number as text…).
    case invalidField = "invalid_field"
    /// The record has no text, or only whitespace.
    case missingText = "missing_text"
    /// The record's publication date is in none of the forms understood (the message shows it).
    case invalidDate = "invalid_date"
    /// A line or record is longer than the reader's limit; it is skipped, the rest is read.
    case tooLarge = "too_large"
    /// A CSV file has no header row.
    case missingHeader = "missing_header"
    /// A CSV row has more or fewer fields than the header.
    case fieldCount = "field_count"
    /// A CSV quoted field is still open at the end of the file.
    case unterminatedQuote = "unterminated_quote"
    /// A feed file has neither an RSS `<rss>`/`<channel>` nor an Atom `<feed>` root.
    case notAFeed = "not_a_feed"
    /// The file could not be opened or read.
    case unreadable = "unreadable"
}

/// An error reading input: a stable code, a message saying what to fix, and where it happened —
/// the physical line (1-based) and, for CSV, the data row (1-based, the header not counted), or the
/// item's position in a feed.
public struct FormatError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public var code: FormatErrorCode
    public var message: String
    public var line: Int?
    public var row: Int?

    public init(_ code: FormatErrorCode, _ message: String, line: Int? = nil, row: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.row = row
    }

    public var description: String {
        var place: [String] = []
        if let row { place.append("row \(row)") }
        if let line { place.append(row == nil ? "line \(line)" : "(line \(line))") }
        let prefix = place.isEmpty ? "" : place.joined(separator: " ") + ": "
        return "\(code.rawValue): \(prefix)\(message)"
    }
}

/// One item read from an input: a record or the reason it could not be read, with its place in the
/// file. Readers yield these in file order; a bad record never hides the good ones after it.
public struct RecordResult: Sendable {
    /// The physical line the record starts on (1-based); for a feed, the item's position (1-based).
    public var line: Int
    /// CSV only: the data row (1-based; the header is row 0).
    public var row: Int?
    public var result: Result<DocumentRecord, FormatError>

    public init(line: Int, row: Int? = nil, result: Result<DocumentRecord, FormatError>) {
        self.line = line
        self.row = row
        self.result = result
    }

    public var record: DocumentRecord? { if case .success(let r) = result { r } else { nil } }
    public var error: FormatError? { if case .failure(let e) = result { e } else { nil } }
}
