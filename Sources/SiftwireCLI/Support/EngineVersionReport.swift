import Foundation
import SiftwireConsole
import SiftwireProtocol

/// Which engine version extracted the stored documents, beside the versions the running extractors run.
struct EngineVersionReport: Encodable {
    /// Stored documents per engine version, as the index counts them (`""`: not recorded).
    var documents: [String: Int]
    /// Versions the connected extractors run.
    var running: [String]
    /// Stored documents on a version no running extractor runs (nil when no extractor reports a version).
    var older: Int?
    /// Where the counts come from: `index` (query.stats) or `ingest` (ingest.status) when the index does not say.
    var source: String
    var reprocessing: [ReprocessProgress]

    init?(stats: IndexStats?, pipeline: PipelineStatus?) {
        let counts: [String: Int]
        if let indexed = stats?.engineVersions {
            counts = indexed
            source = "index"
        } else if let recorded = pipeline?.engineVersions {
            counts = recorded
            source = "ingest"
        } else {
            return nil
        }
        documents = counts
        let running = Array(Set(pipeline?.extractors.compactMap(\.engineVersion) ?? [])).sorted()
        self.running = running
        older = running.isEmpty ? nil : counts.filter { !running.contains($0.key) }.values.reduce(0, +)
        reprocessing = pipeline?.reprocessing ?? []
    }
}

extension Rendering {
    static func engineVersions(_ report: EngineVersionReport) -> String {
        var table = Table("engine version", "documents", "")
        for (version, count) in report.documents.sorted(by: { ($0.value, $0.key) > ($1.value, $1.key) }) {
            let note = report.running.contains(version) ? "running" : (report.running.isEmpty ? "" : "older")
            table.add(version.isEmpty ? "(not recorded)" : version, "\(count)", note)
        }
        for version in report.running where report.documents[version] == nil {
            table.add(version, "0", "running")
        }
        var lines = [table.render()]
        if let older = report.older {
            lines.append("\(older) document(s) on an older engine version than the running extractors'"
                         + (older > 0 ? "; reprocess them with: siftwire reprocess --stale" : ""))
        } else {
            lines.append("no running extractor reports an engine version")
        }
        if let latest = report.reprocessing.first, latest.done + latest.dead < latest.total {
            lines.append("reprocessing (request \(latest.request)): \(latest.done)/\(latest.total) done, \(latest.dead) dead")
        }
        return lines.joined(separator: "\n")
    }
}
