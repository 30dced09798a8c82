import ArgumentParser
import SiftwireConsole
import SiftwireClient
import SiftwireFormats
import Foundation
import SiftwireProtocol

struct IngestFilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Send documents to ingest: JSON Lines, CSV, HTML pages, RSS/Atom feeds, text and Markdown.",
        discussion: """
            The format is told from each file's extension (.jsonl/.ndjson, .csv, .html/.htm, .xml/.rss/.atom,
            .txt/.md) or named with --format. JSON Lines and CSV are streamed in bounded memory; a record
            that cannot be read is reported with its line (and CSV row) and the others are still sent.
            --map names which input field fills which document field: --map content=text,outlet=source.
            Document fields: \(SiftwireFormats.fieldNames.joined(separator: ", ")).
            """)

    @Argument(help: "Files or folders (folders are walked for files of the known extensions).")
    var paths: [String]
    @Option(help: "Read every file as this format: jsonl, csv, html, feed or text.")
    var format: String?
    @Option(help: "Field mapping input=field[,input=field…], e.g. article_content=text,date=published.")
    var map: String?
    @Flag(help: "Return only when every accepted document is indexed or has failed.")
    var wait = false
    @Flag(help: "Print the summary as JSON.")
    var json = false
    @OptionGroup var client: ClientOptions

    /// `--format` (nil: by each file's extension) and `--map`, or why they are refused.
    func formatAndMapping() throws -> (InputFormat?, FieldMapping) {
        var format: InputFormat?
        if let name = self.format {
            guard let named = InputFormat(name: name) else {
                throw CommandFailure("unknown format '\(name)'; use one of: \(InputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            format = named
        }
        do {
            return (format, try FieldMapping(parsing: map ?? ""))
        } catch {
            throw CommandFailure("--map: \(error)")
        }
    }

    func run() async throws {
        let (format, mapping) = try formatAndMapping()
        let files = try InputFiles.list(paths)
        guard !files.isEmpty else {
            throw CommandFailure("no input files under \(paths.joined(separator: ", ")) (extensions: \(InputFormat.extensions.sorted().joined(separator: ", ")))")
        }
        let siftwire = try client.client()
        let limits = IngestLimits.of(siftwire)
        var stream = IngestStream(client: siftwire, limits: limits, keepAcceptedIDs: wait)
        var report = IngestFilesReport()
        let printProblems = !json
        stream.onRejected = { name, reason in
            report.rejected.append(IngestReport.Problem(document: name, reason: reason))
            if printProblems { FileHandle.standardError.write(Data("rejected \(name): \(reason)\n".utf8)) }
        }
        let totalBytes = files.reduce(0) { $0 + (InputFiles.size(of: $1) ?? 0) }
        var progress = ProgressBar(label: "submitting", total: totalBytes, enabled: !json && isatty(STDERR_FILENO) == 1)
        var doneBytes = 0
        for file in files {
            let fileFormat = format ?? InputFormat.detect(path: file.path)
            // A text file over ingest's document limit is refused here, with ingest's reason, without
            // being read: sent, a file over the message limit would only make ingest drop the connection.
            if fileFormat == .text, let size = InputFiles.size(of: file), size > limits.maxDocumentBytes {
                stream.onRejected(file.path, "document is \(size) bytes; the limit is \(limits.maxDocumentBytes) bytes")
                doneBytes += size
                continue
            }
            var records: InputRecords
            do {
                records = try InputReader.records(at: file, format: fileFormat, mapping: mapping)
            } catch {
                report.unreadable += 1
                stream.onRejected(file.path, error.description)
                doneBytes += InputFiles.size(of: file) ?? 0
                continue
            }
            report.files += 1
            while let item = records.next() {
                let place = Self.place(file, item, fileFormat)
                switch item.result {
                case .success(let record):
                    report.records += 1
                    var document = NewDocument(record)
                    // Plain text and Markdown files keep naming their file as the source, as before.
                    if fileFormat == .text, document.source == nil { document.source = file.path }
                    try call { () throws(SiftwireError) in try stream.add(name: place, document: document) }
                case .failure(let error):
                    report.unreadable += 1
                    stream.onRejected(place, error.description)
                }
                progress.update(doneBytes + records.bytesRead, detail: "bytes  accepted \(stream.accepted)  duplicates \(stream.duplicates)")
            }
            doneBytes += InputFiles.size(of: file) ?? records.bytesRead
        }
        try call { () throws(SiftwireError) in try stream.flush() }
        progress.update(totalBytes, detail: "bytes  accepted \(stream.accepted)  duplicates \(stream.duplicates)", force: true)
        progress.finish()
        report.accepted = stream.accepted
        report.duplicates = stream.duplicates
        if wait {
            var summary = Ingestor.Summary()
            let ingestor = Ingestor(client: siftwire, showProgress: !json)
            try call { () throws(SiftwireError) in try ingestor.wait(for: stream.acceptedIDs, summary: &summary) }
            report.indexed = summary.indexed
            report.dead = summary.dead.map { IngestReport.Problem(document: $0.id, reason: $0.reason) }
        }
        if json {
            printJSON(report)
        } else {
            print(report.text)
        }
        if !report.rejected.isEmpty || !report.dead.isEmpty { throw ExitCode(2) }
    }

    /// Where a record is, for messages: the file, and its CSV row or line (feed item).
    static func place(_ file: URL, _ item: RecordResult, _ format: InputFormat?) -> String {
        if let row = item.row { return "\(file.path) row \(row) (line \(item.line))" }
        switch format {
        case .jsonLines?: return "\(file.path) line \(item.line)"
        case .feed?: return "\(file.path) item \(item.line)"
        default: return file.path
        }
    }
}

extension NewDocument {
    /// A record read from any input format, as ingest takes it.
    init(_ record: DocumentRecord) {
        self.init(text: record.text, title: record.title, source: record.source, id: record.id, url: record.url,
                  published: record.published, language: record.language, author: record.author,
                  tags: record.tags.isEmpty ? nil : record.tags)
    }
}

/// The outcome of an ingest run, for people and for `--json`.
struct IngestFilesReport: Encodable {
    var files = 0
    /// Records read (every format: one per text file or page, one per line, row or feed item).
    var records = 0
    var accepted = 0
    var duplicates = 0
    /// Every document not stored, with where it is (file, CSV row and line, JSON Lines line) and why:
    /// records that could not be read (reason `code: …`) and documents ingest refused.
    var rejected: [IngestReport.Problem] = []
    /// How many of `rejected` could not be read from their file.
    var unreadable = 0
    var indexed: Int?
    var dead: [IngestReport.Problem] = []

    var text: String {
        var lines = ["accepted \(accepted), duplicates \(duplicates), rejected \(rejected.count)"
            + (indexed.map { ", indexed \($0), failed \(dead.count)" } ?? "")
            + "; read \(records) record(s) from \(files) file(s), \(unreadable) unreadable"]
        // Rejections were printed to stderr as they came; the summary repeats the first few.
        lines += rejected.prefix(20).map { "  rejected \($0.document): \($0.reason)" }
        if rejected.count > 20 { lines.append("  … and \(rejected.count - 20) more (all printed above)") }
        lines += dead.map { "  failed \($0.document): \($0.reason)" }
        return lines.joined(separator: "\n")
    }
}

/// Input files named on the command line; folders are walked for the known extensions.
enum InputFiles {
    static func list(_ paths: [String]) throws -> [URL] {
        var files: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CommandFailure("\(path): no such file or directory")
            }
            let url = URL(fileURLWithPath: path)
            if !isDirectory.boolValue {
                files.append(url)
                continue
            }
            var found: [URL] = []
            let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
            while let item = walker?.nextObject() as? URL {
                if InputFormat.extensions.contains(item.pathExtension.lowercased()) { found.append(item) }
            }
            files += found.sorted { $0.path < $1.path }
        }
        return files
    }

    static func size(of url: URL) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue
    }
}

/// The outcome of submitting documents already in memory (`siftwire demo`), for people and for `--json`.
struct IngestReport: Encodable {
    struct Problem: Encodable {
        var document: String
        var reason: String
    }

    var accepted: Int
    var duplicates: Int
    var rejected: [Problem]
    var indexed: Int?
    var dead: [Problem]

    init(_ summary: Ingestor.Summary, waited: Bool) {
        accepted = summary.accepted.count
        duplicates = summary.duplicates.count
        rejected = summary.rejected.map { Problem(document: $0.name, reason: $0.reason) }
        indexed = waited ? summary.indexed : nil
        dead = summary.dead.map { Problem(document: $0.id, reason: $0.reason) }
    }

    var text: String {
        var lines = ["accepted \(accepted), duplicates \(duplicates), rejected \(rejected.count)"
            + (indexed.map { ", indexed \($0), failed \(dead.count)" } ?? "")]
        lines += rejected.map { "  rejected \($0.document): \($0.reason)" }
        lines += dead.map { "  failed \($0.document): \($0.reason)" }
        return lines.joined(separator: "\n")
    }
}

/// The limits ingest states in its health reply, or the defaults when it does not state them.
enum IngestLimits {
    static func of(_ client: SiftwireClient) -> SubmitAccepted.Limits {
        let details = (try? client.ingestHealth())?.details ?? [:]
        return SubmitAccepted.Limits(
            maxDocumentBytes: details["maxDocumentBytes"].flatMap { Int($0) } ?? 16 << 20,
            maxBatch: details["maxBatch"].flatMap { Int($0) } ?? 1000,
            maxMessageBytes: details["maxMessageBytes"].flatMap { Int($0) } ?? 64 << 20)
    }
}
