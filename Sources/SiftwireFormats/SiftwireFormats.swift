/// SiftwireFormats: the input formats analysts collect, read into `DocumentRecord`s.
///
/// Pure (Foundation only, no sockets, no stores, no XMLParser) so the CLI, ingest, the feeds
/// service and tests can all use it.
///
/// - `InputReader.records(at:format:mapping:)`: any file, the format from its extension
///   (`InputFormat.detect`) or named (`InputFormat(name:)`); yields `RecordResult`s in file order.
/// - Streamed, any size, in memory bounded by the chunk plus the longest record:
///   `JSONLinesParser`, `CSVParser` (both `RecordParser`s, driven by `RecordStream`).
/// - Whole documents: `HTMLArticleExtractor` (main text and page metadata), `FeedReader` (RSS 2.0/1.0,
///   Atom), `TextDocument` (text and Markdown with front matter); `HTMLText.plainText` for fragments.
/// - `FieldMapping` (`--map content=text,outlet=source`), `RecordBuilder`, `PublicationDate`.
/// - Every failure is a `FormatError` with a stable `FormatErrorCode` and its line/row; one bad
///   record is one error result, and the records after it are still read.
public enum SiftwireFormats {
    /// The document fields a mapping can target, in `--map` spelling.
    public static var fieldNames: [String] { DocumentRecord.Field.allCases.map(\.rawValue) }
}
