import Foundation
import SiftwireProtocol

/// Readable terminal renderings of replies.
public enum Rendering {
    public static func search(_ reply: SearchResults) -> String {
        guard !reply.hits.isEmpty else { return "no documents match (\(reply.total) total)" }
        var lines = ["\(reply.total) document(s) match; showing \(reply.hits.count)", ""]
        for (number, hit) in reply.hits.enumerated() {
            lines.append("\(number + 1). \(hit.title)  [\(hit.id)\(hit.date.map { ", \($0)" } ?? "")]")
            lines.append("   \(hit.snippet)")
        }
        return lines.joined(separator: "\n")
    }

    public static func profile(_ p: EntityProfile) -> String {
        var lines = [
            "\(p.name)  (\(p.type.rawValue), id \(p.id))",
            "  \(p.documentCount) document(s), \(p.mentionCount) mention(s)"
                + (p.firstSeen.map { ", first seen \($0)" } ?? "") + (p.lastSeen.map { ", last seen \($0)" } ?? ""),
            "  aliases: " + p.aliases.map { "\($0.text) (\($0.count))" }.joined(separator: ", "),
            "",
        ]
        var documents = Table("document", "date", "mentions", "title")
        for d in p.documents { documents.add(d.id, d.date ?? "", "\(d.mentions)", d.title) }
        lines.append(documents.render())
        if !p.comentions.isEmpty {
            lines.append("")
            var related = Table("co-mentioned with", "type", "documents")
            for r in p.comentions { related.add(r.name, r.type.rawValue, "\(r.documents)") }
            lines.append(related.render())
        }
        return lines.joined(separator: "\n")
    }

    public static func document(_ view: DocumentView) -> String {
        let d = view.document
        var lines = ["\(d.title)  [\(d.id)\(d.date.map { ", \($0)" } ?? "")\(d.source.map { ", \($0)" } ?? "")]", ""]
        lines.append(d.text)
        lines.append("")
        var mentions = Table("at", "mention", "entity", "type")
        for m in view.mentions { mentions.add("\(m.start)", m.text.replacingOccurrences(of: "\n", with: " "), m.name, m.type.rawValue) }
        lines.append(mentions.render())
        if !view.dates.isEmpty {
            lines.append("")
            var dates = Table("at", "date as written", "value")
            for date in view.dates { dates.add("\(date.start)", date.text, date.value ?? "?") }
            lines.append(dates.render())
        }
        return lines.joined(separator: "\n")
    }

    public static func stats(_ s: IndexStats) -> String {
        var table = Table("what", "count")
        table.add("documents", "\(s.documents)")
        table.add("entities", "\(s.entities)")
        for (type, count) in s.entitiesByType.sorted(by: { $0.key < $1.key }) { table.add("  \(type)", "\(count)") }
        table.add("aliases", "\(s.aliases)")
        table.add("mentions", "\(s.mentions)")
        table.add("dates", "\(s.dates)")
        table.add("index size", String(format: "%.1f MB", Double(s.indexBytes) / 1_000_000))
        return table.render()
    }

    public static func status(_ s: PipelineStatus, health: [(String, String)]) -> String {
        var services = Table("service", "health")
        for (name, state) in health { services.add(name, state) }
        var pipeline = Table("received", "queued", "leased", "indexed", "dead", "indexed/s (1 min)")
        pipeline.add("\(s.received)", "\(s.queued)", "\(s.leased)", "\(s.indexed)", "\(s.dead)", String(format: "%.1f", s.indexedPerSecond))
        var extractors = Table("extractor", "credit", "in flight", "completed", "docs/s", "last heard")
        for e in s.extractors {
            extractors.add(e.id, "\(e.credit)", "\(e.inFlight)", "\(e.completed)", String(format: "%.1f", e.documentsPerSecond),
                           String(format: "%.1fs ago", e.secondsSinceHeard))
        }
        var lines = [services.render(), "", pipeline.render(), "", extractors.render()]
        if !s.deadLetters.isEmpty {
            var dead = Table("dead document", "failures", "reason")
            for d in s.deadLetters { dead.add(d.id, "\(d.failures)", d.lastError ?? "") }
            lines += ["", dead.render(), "retry with: siftwire retry [ID...]"]
        }
        return lines.joined(separator: "\n")
    }
}
