import ArgumentParser
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
        let documents = try files.map { (name: $0.path, document: try DocumentFiles.document(at: $0)) }
        let ingestor = Ingestor(client: try client.client(), showProgress: !json)
        var summary = try call { () throws(SiftwireError) in try ingestor.submit(documents) }
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
