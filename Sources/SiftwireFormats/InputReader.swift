import Foundation

/// The input formats, told from the file extension or named with `--format`.
public enum InputFormat: String, Sendable, CaseIterable {
    /// JSON Lines / NDJSON (`.jsonl`, `.ndjson`); streamed.
    case jsonLines = "jsonl"
    /// CSV with a header row (`.csv`); streamed.
    case csv
    /// An HTML page (`.html`, `.htm`): its main text and metadata.
    case html
    /// An RSS or Atom feed (`.xml`, `.rss`, `.atom`).
    case feed
    /// Plain text or Markdown, with optional front matter (`.txt`, `.md`, `.markdown`, `.text`).
    case text

    /// A `--format` value: a case name or any of the extensions.
    public init?(name: String) {
        let n = name.lowercased().trimmingCharacters(in: .whitespaces)
        if let f = InputFormat(rawValue: n) ?? Self.byExtension[n] { self = f }
        else if ["json-lines", "jsonlines"].contains(n) { self = .jsonLines }
        else if ["rss2", "rdf"].contains(n) { self = .feed }
        else { return nil }
    }

    static let byExtension: [String: InputFormat] = [
        "jsonl": .jsonLines, "ndjson": .jsonLines, "csv": .csv, "html": .html, "htm": .html, "xhtml": .html,
        "xml": .feed, "rss": .feed, "atom": .feed, "txt": .text, "md": .text, "markdown": .text, "text": .text,
    ]

    /// The format a path's extension stands for; nil when it stands for none.
    public static func detect(path: String) -> InputFormat? {
        byExtension[URL(fileURLWithPath: path).pathExtension.lowercased()]
    }

    /// Every extension read when walking folders.
    public static var extensions: Set<String> { Set(byExtension.keys) }

    /// Whether the file is read in chunks (any size) rather than whole.
    public var isStreaming: Bool { self == .jsonLines || self == .csv }
}

/// The records of one input file, in file order: streamed for JSON Lines and CSV, read whole
/// (up to `InputReader.maxWholeFileBytes`) for pages, feeds and text. Iterate once.
public struct InputRecords: Sequence, IteratorProtocol {
    enum Source {
        case jsonLines(RecordStream<JSONLinesParser>)
        case csv(RecordStream<CSVParser>)
        case list([RecordResult], Int)
    }
    var source: Source
    /// The file's size in bytes, for a progress bar.
    public let totalBytes: Int?

    /// Bytes consumed so far (whole-file formats: all of them once read).
    public var bytesRead: Int {
        switch source {
        case .jsonLines(let s): s.bytesRead
        case .csv(let s): s.bytesRead
        case .list: totalBytes ?? 0
        }
    }

    public mutating func next() -> RecordResult? {
        switch source {
        case .jsonLines(var s):
            source = .list([], 0)  // so the stream's buffers stay uniquely referenced while it reads
            let r = s.next()
            source = .jsonLines(s)
            return r
        case .csv(var s):
            source = .list([], 0)
            let r = s.next()
            source = .csv(s)
            return r
        case .list(let items, let index):
            guard index < items.count else { return nil }
            source = .list(items, index + 1)
            return items[index]
        }
    }
}

public enum InputReader {
    /// Pages, feeds and text files are read whole; past this they are refused (`too_large`).
    public static let maxWholeFileBytes = 64 << 20

    /// Opens `url` as `format` (by default, told from its extension).
    public static func records(at url: URL, format: InputFormat? = nil, mapping: FieldMapping = .standard,
                               chunkSize: Int = 1 << 16) throws(FormatError) -> InputRecords {
        guard let format = format ?? InputFormat.detect(path: url.path) else {
            let known = InputFormat.byExtension.keys.sorted().map { "." + $0 }.joined(separator: ", ")
            throw FormatError(.unknownFormat, "\(url.path): cannot tell the format from the extension (\(known)); name it with --format")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw FormatError(.unreadable, "\(url.path): \(error.localizedDescription)")
        }
        switch format {
        case .jsonLines:
            return InputRecords(source: .jsonLines(RecordStream(parser: JSONLinesParser(mapping: mapping), handle: handle, chunkSize: chunkSize)), totalBytes: size)
        case .csv:
            return InputRecords(source: .csv(RecordStream(parser: CSVParser(mapping: mapping), handle: handle, chunkSize: chunkSize)), totalBytes: size)
        case .html, .feed, .text:
            if let size, size > maxWholeFileBytes {
                throw FormatError(.tooLarge, "\(url.path): \(size) bytes; pages, feeds and text files are read whole, up to \(maxWholeFileBytes)")
            }
            let data: Data
            do {
                data = try handle.readToEnd() ?? Data()
                try? handle.close()
            } catch {
                throw FormatError(.unreadable, "\(url.path): \(error.localizedDescription)")
            }
            let text = String(decoding: data, as: UTF8.self)
            return InputRecords(source: .list(try records(text: text, format: format, mapping: mapping), 0), totalBytes: size ?? data.count)
        }
    }

    /// The records of an in-memory input.
    public static func records(text: String, format: InputFormat, mapping: FieldMapping = .standard) throws(FormatError) -> [RecordResult] {
        switch format {
        case .jsonLines:
            var parser = JSONLinesParser(mapping: mapping)
            return parser.parseAll(text.utf8)
        case .csv:
            var parser = CSVParser(mapping: mapping)
            return parser.parseAll(text.utf8)
        case .html:
            return [single { () throws(FormatError) in try HTMLArticleExtractor.record(html: text) }]
        case .feed:
            return try FeedReader.read(xml: text).items
        case .text:
            return [single { () throws(FormatError) in try TextDocument.record(text: text, mapping: mapping) }]
        }
    }

    static func single(_ make: () throws(FormatError) -> DocumentRecord) -> RecordResult {
        do throws(FormatError) {
            return RecordResult(line: 1, result: .success(try make()))
        } catch {
            return RecordResult(line: 1, result: .failure(error))
        }
    }
}
