import Foundation
import SiftwireConsole
import SiftwireProtocol

/// Readable terminal renderings of replies.
public enum Rendering {
    public static func search(_ reply: SearchResults) -> String {
        guard !reply.hits.isEmpty else {
            return "no documents on this page (\(reply.totalIsLowerBound == true ? "at least " : "")\(reply.total) match)"
                + reply.expansions.map { "\n  \($0.term) → \($0.entityID): " + $0.aliases.joined(separator: " | ") }.joined()
        }
        var lines = ["\(reply.totalIsLowerBound == true ? "at least " : "")\(reply.total) document(s) match; showing \(reply.hits.count)"]
        for e in reply.expansions {
            lines.append("  \(e.term) → \(e.entityID): " + e.aliases.joined(separator: " | "))
        }
        lines.append("")
        for (number, hit) in reply.hits.enumerated() {
            lines.append("\(number + 1). \(hit.title)  [\(hit.id)\(hit.date.map { ", \($0)" } ?? "")\(hit.source.map { ", \($0)" } ?? "")]")
            if let copies = hit.copies { lines.append("   +\(copies - 1) near-duplicate cop\(copies == 2 ? "y" : "ies") of this story (--all-copies lists them)") }
            if let url = hit.metadata?.url { lines.append("   \(url)") }
            lines.append("   \(hit.snippet)")
        }
        return lines.joined(separator: "\n")
    }

    public static func profile(_ p: EntityProfile) -> String {
        var lines = [
            "\(p.name)  (\(p.type.rawValue), id \(p.id))",
            "  \(p.documentCount) document(s), \(p.mentionCount) mention(s)"
                + (p.firstSeen.map { ", first seen \($0)" } ?? "") + (p.lastSeen.map { ", last seen \($0)" } ?? ""),
            "  aliases: " + p.aliases.map { "\($0.text) (\($0.count)\($0.reason.map { ", " + $0 } ?? ""))" }.joined(separator: ", "),
        ]
        if p.match == "fuzzy" {
            lines.append("  no exact match: closest name" + (p.score.map { String(format: " (score %.2f)", $0) } ?? ""))
            if let others = p.alternatives, !others.isEmpty {
                lines.append("  or did you mean: " + others.map { "\($0.name) [\($0.id)] " + String(format: "%.2f", $0.score) }.joined(separator: ", "))
            }
        }
        for j in p.judgements ?? [] {
            lines.append("  \(j.kind) \(j.other)" + (j.alias.map { " (alias \"\($0)\")" } ?? "") + " by \(j.by) at \(j.at)"
                + (j.note.map { ": \($0)" } ?? ""))
        }
        lines.append("")
        var documents = Table("document", "date", "source", "mentions", "title")
        for d in p.documents { documents.add(d.id, d.date ?? "", d.metadata?.source ?? "", "\(d.mentions)", d.title) }
        lines.append(documents.render())
        if !p.comentions.isEmpty {
            lines.append("")
            var related = Table("co-mentioned with", "type", "documents")
            for r in p.comentions { related.add(r.name, r.type.rawValue, "\(r.documents)") }
            lines.append(related.render())
        }
        if let claims = profileClaims(p) {
            lines.append("")
            lines.append(claims)
        }
        return lines.joined(separator: "\n")
    }

    public static func document(_ view: DocumentView) -> String {
        let d = view.document
        var lines = ["\(d.title)  [\(d.id)\(d.date.map { ", \($0)" } ?? "")\(d.source.map { ", \($0)" } ?? "")]"]
        let details = [d.url, d.published.map { "published \($0)" }, d.author.map { "by \($0)" }, d.language.map { "language \($0)" },
                       d.tags.map { "tags " + $0.joined(separator: ", ") }].compactMap { $0 }
        if !details.isEmpty { lines.append(details.joined(separator: "  ·  ")) }
        lines.append("")
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

    public static func entities(_ list: EntityList, offset: Int = 0) -> String {
        guard !list.entities.isEmpty else { return "no entities on this page (\(list.total) match)" }
        var table = Table("#", "entity", "name", "type", "documents", "mentions", "matched alias")
        for (k, e) in list.entities.enumerated() {
            table.add("\(offset + k + 1)", e.id, e.name, e.type.rawValue, "\(e.documents)", "\(e.mentions)", e.matchedAlias ?? "")
        }
        return "\(list.total) entit\(list.total == 1 ? "y" : "ies") match; showing \(offset + 1)–\(offset + list.entities.count)\n\n" + table.render()
    }

    public static func comentions(_ graph: ComentionGraph) -> String {
        let names = Dictionary(graph.nodes.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var nodes = Table("depth", "entity", "name", "type", "documents")
        for n in graph.nodes { nodes.add("\(n.depth)", n.id, n.name, n.type.rawValue, "\(n.documents)") }
        var edges = Table("weight", "between", "and")
        for e in graph.edges { edges.add("\(e.weight)", names[e.source] ?? e.source, names[e.target] ?? e.target) }
        var lines = ["\(graph.nodes.count) node(s), \(graph.edges.count) edge(s) around \(names[graph.center] ?? graph.center)"
                     + " (depth \(graph.depth), min weight \(graph.minWeight))"
                     + (graph.truncated ? "; more nodes qualified: raise --limit (at most \(graph.nodeCap))" : ""), ""]
        lines += [nodes.render(), "", edges.render()]
        return lines.joined(separator: "\n")
    }

    /// GraphML 1.0 (undirected), with node attributes label/type/documents/depth and an edge
    /// weight, all declared with `<key>` elements. Gephi reads `label` and `weight` as such.
    public static func graphML(_ graph: ComentionGraph) -> String {
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#
                + #" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#,
            #"  <key id="label" for="node" attr.name="label" attr.type="string"/>"#,
            #"  <key id="type" for="node" attr.name="type" attr.type="string"/>"#,
            #"  <key id="documents" for="node" attr.name="documents" attr.type="int"/>"#,
            #"  <key id="depth" for="node" attr.name="depth" attr.type="int"/>"#,
            #"  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>"#,
            #"  <graph id="comentions" edgedefault="undirected">"#,
        ]
        for n in graph.nodes {
            lines.append(#"    <node id="\#(xml(n.id))">"#
                + #"<data key="label">\#(xml(n.name))</data><data key="type">\#(n.type.rawValue)</data>"#
                + #"<data key="documents">\#(n.documents)</data><data key="depth">\#(n.depth)</data></node>"#)
        }
        for (k, e) in graph.edges.enumerated() {
            lines.append(#"    <edge id="e\#(k)" source="\#(xml(e.source))" target="\#(xml(e.target))"><data key="weight">\#(e.weight)</data></edge>"#)
        }
        lines += ["  </graph>", "</graphml>"]
        return lines.joined(separator: "\n")
    }

    /// Text escaped for XML content and attribute values; characters XML 1.0 forbids are dropped.
    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v >= 0x20 && v != 0xFFFE && v != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    public static func timeline(_ t: Timeline) -> String {
        var lines: [String] = []
        for s in t.series {
            lines.append("\(s.name)  (\(s.type.rawValue), id \(s.entityID)): \(s.mentions) mention(s) in dated documents"
                         + (s.undated > 0 ? ", \(s.undated) undated document(s) not shown" : ""))
            let peak = max(s.buckets.map(\.mentions).max() ?? 1, 1)
            var table = Table(t.bucket, "mentions", "documents", "", "document ids")
            for b in s.buckets {
                let bar = String(repeating: "█", count: max(1, b.mentions * 30 / peak))
                let ids = b.documentIDs.prefix(3).joined(separator: " ") + (b.documents > 3 ? " …" : "")
                table.add(b.start, "\(b.mentions)", "\(b.documents)", bar, ids)
            }
            lines.append(s.buckets.isEmpty ? "  no dated documents in range" : table.render())
            lines.append("")
        }
        return lines.joined(separator: "\n").trimmingTrailingNewlines()
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var copy = self
        while copy.last == "\n" { copy.removeLast() }
        return copy
    }
}
