/// What is known about a document besides its text and title, as replies that list documents show
/// it (search hits, profiles' documents, timelines' documents, claims): the outlet, where and when
/// it was published, its language, author and tags. Every field is optional; absent fields are not
/// sent. Since `ingest.submit` gained these fields (see PROTOCOL.md, "document metadata").
public struct DocumentMetadata: Codable, Sendable, Hashable {
    /// The outlet ("sana", "Reuters"), or a path for files ingested without one.
    public var source: String?
    public var url: String?
    /// Publication date as submitted, normalised: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ`.
    public var published: String?
    public var language: String?
    public var author: String?
    public var tags: [String]?

    public init(source: String? = nil, url: String? = nil, published: String? = nil, language: String? = nil,
                author: String? = nil, tags: [String]? = nil) {
        self.source = source
        self.url = url
        self.published = published
        self.language = language
        self.author = author
        self.tags = tags
    }

    /// Nil when nothing is known, so replies leave the field out.
    public var orNil: DocumentMetadata? {
        source == nil && url == nil && published == nil && language == nil && author == nil && (tags ?? []).isEmpty ? nil : self
    }
}

/// Checks and normalisations of submitted metadata, shared by ingest and clients.
public enum DocumentMetadataRules {
    /// Longest `url`, `author`, `source` or `title`, in UTF-8 bytes.
    public static let maxFieldBytes = 4096
    /// Longest `language` tag, in UTF-8 bytes.
    public static let maxLanguageBytes = 64
    /// Most `tags`, and the longest tag in UTF-8 bytes.
    public static let maxTags = 100
    public static let maxTagBytes = 256

    /// The day of a `published` value (`YYYY-MM-DD`), nil when it is not a valid publication date.
    public static func day(ofPublished published: String) -> String? {
        guard isValidPublished(published) else { return nil }
        return String(published.prefix(10))
    }

    /// `YYYY-MM-DD`, or a date-time `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or `±HH:MM`.
    public static func isValidPublished(_ text: String) -> Bool {
        let chars = Array(text.utf8)
        guard chars.count >= 10, isValidDay(String(decoding: chars[0..<10], as: UTF8.self)) else { return false }
        if chars.count == 10 { return true }
        guard chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: " ") else { return false }
        var i = 11
        func twoDigits(max: Int) -> Bool {
            guard i + 2 <= chars.count, let a = digit(chars[i]), let b = digit(chars[i + 1]), a * 10 + b <= max else { return false }
            i += 2
            return true
        }
        guard twoDigits(max: 23), i < chars.count, chars[i] == UInt8(ascii: ":") else { return false }
        i += 1
        guard twoDigits(max: 59) else { return false }
        if i < chars.count, chars[i] == UInt8(ascii: ":") {
            i += 1
            guard twoDigits(max: 60) else { return false }
            if i < chars.count, chars[i] == UInt8(ascii: ".") {
                i += 1
                let start = i
                while i < chars.count, digit(chars[i]) != nil { i += 1 }
                guard i > start else { return false }
            }
        }
        guard i < chars.count else { return false }
        if chars[i] == UInt8(ascii: "Z") { return i + 1 == chars.count }
        guard chars[i] == UInt8(ascii: "+") || chars[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard twoDigits(max: 14), i < chars.count, chars[i] == UInt8(ascii: ":") else { return false }
        i += 1
        return twoDigits(max: 59) && i == chars.count
    }

    /// A calendar `YYYY-MM-DD` (2026-02-31 is not).
    public static func isValidDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { digit($0) != nil } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month) else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// Why a caller-given document id is refused, nil when it is acceptable: 1…256 bytes of
    /// printable characters without spaces.
    public static func idProblem(_ id: String) -> String? {
        if id.isEmpty { return "id is empty" }
        if id.utf8.count > ModelLimits.maxIDBytes { return "id is \(id.utf8.count) bytes; the limit is \(ModelLimits.maxIDBytes) bytes" }
        if id.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            return "id '\(id.prefix(40))' contains spaces or control characters"
        }
        return nil
    }

    private static func digit(_ c: UInt8) -> Int? {
        c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") ? Int(c - UInt8(ascii: "0")) : nil
    }
}
