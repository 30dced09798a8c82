import ArgumentParser
import SiftwireConsole
import SiftwireClient
import Foundation
import SiftwireProtocol

struct IngestFilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Send text or Markdown files (one document per file) to ingest.")

    @Argument(help: "Files or folders (folders are walked for .txt and .md files).")
    var paths: [String]
    @Flag(help: "Return only when every accepted document is indexed or has failed.")
    var wait = false
    @Flag(help: "Print the summary as JSON.")
    var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let files = try DocumentFiles.list(paths)
        guard !files.isEmpty else { throw CommandFailure("no .txt or .md files under \(paths.joined(separator: ", "))") }
        let siftwire = try client.client()
        var ingestor = Ingestor(client: siftwire, showProgress: !json)
        let limits = IngestLimits.of(siftwire)
        ingestor.respect(limits)
        // Files over the document limit are refused here, with ingest's reason, without being read:
        // sent, a file over the message limit would only make ingest drop the connection.
        var tooLarge: [(name: String, reason: String)] = []
        var documents: [(name: String, document: NewDocument)] = []
        for file in files {
            if let size = DocumentFiles.size(of: file), size > limits.maxDocumentBytes {
                tooLarge.append((file.path, "document is \(size) bytes; the limit is \(limits.maxDocumentBytes) bytes"))
                continue
            }
            documents.append((name: file.path, document: try DocumentFiles.document(at: file)))
        }
        var summary = documents.isEmpty ? Ingestor.Summary() : try call { () throws(SiftwireError) in try ingestor.submit(documents) }
        summary.rejected = tooLarge + summary.rejected
        if wait {
            try call { () throws(SiftwireError) in try ingestor.wait(for: summary.accepted, summary: &summary) }
        }
        if json {
            printJSON(IngestReport(summary, waited: wait))
        } else {
            print(IngestReport(summary, waited: wait).text)
        }
        if !summary.rejected.isEmpty || !summary.dead.isEmpty { throw ExitCode(2) }
    }
}

/// The outcome of an ingest run, for people and for `--json`.
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
