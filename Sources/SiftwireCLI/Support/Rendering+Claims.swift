import SiftwireConsole
import SiftwireProtocol

extension Rendering {
    /// "ISIS (org:isis)" or the text as written for unnamed sources.
    static func party(_ p: ClaimParty?) -> String {
        guard let p else { return "" }
        return p.entityID != nil ? p.name : "“\(p.text)”"
    }

    /// What a claim says, in one line: "MIT kill Abu al-Hussein … (denied)".
    static func event(_ c: ClaimRecord) -> String {
        guard let e = c.event else { return c.content.map { "“\($0)”" } ?? "" }
        var words = [party(e.actor).isEmpty ? "?" : party(e.actor), e.type.rawValue, party(e.target).isEmpty ? (e.quantity ?? "?") : party(e.target)]
        if let q = e.quantity, !party(e.target).isEmpty { words.append("(\(q))") }
        if let l = e.location { words.append("in \(party(l))") }
        if let d = e.date { words.append("on \(d)") }
        return words.joined(separator: " ")
    }

    static func qualifiers(_ c: ClaimRecord) -> String {
        var q: [String] = []
        if c.polarity != .asserted { q.append(c.polarity.rawValue) }
        if c.modality != .asserted { q.append(c.modality.rawValue) }
        return q.joined(separator: ", ")
    }

    public static func claims(_ list: ClaimList) -> String {
        guard !list.claims.isEmpty else { return "no claims on this page (\(list.total) match)" }
        var table = Table("date", "speaker", "verb", "claim", "", "document")
        for c in list.claims {
            table.add(c.event?.date ?? c.documentDate ?? "", c.speaker.map { party($0) } ?? narrator(c), c.verb ?? "", event(c), qualifiers(c), c.documentID)
        }
        return "\(list.total) claim(s); showing \(list.offset + 1)–\(list.offset + list.claims.count)\n\n" + table.render()
    }

    public static func contradictions(_ reply: Contradictions) -> String {
        guard !reply.groups.isEmpty else { return "no contradictions found" }
        var lines: [String] = []
        for (n, g) in reply.groups.enumerated() {
            if n > 0 { lines.append("") }
            let span = [g.from, g.to].compactMap { $0 }
            let what = g.target.entityID == nil && g.target.text.isEmpty ? "" : " of \(party(g.target))"
            lines.append("\(n + 1). \(g.eventType.rawValue)\(what)\(g.location.map { " in \(party($0))" } ?? "")"
                + (span.isEmpty ? "" : "  [\(span.first!)\(span.count > 1 && span.first != span.last ? " … \(span.last!)" : "")]")
                + "  — " + g.reasons.joined(separator: ", "))
            for v in g.versions {
                let who = v.actor.map { party($0) } ?? "no actor named"
                var stance = v.polarity == .asserted ? "by \(who)" : "NOT by \(who) (\(v.polarity.rawValue))"
                if let figure = v.figure { stance = "\(figure) \(g.eventType == .kill ? "killed" : "taken")" + (v.actor == nil ? "" : ", " + stance) }
                if v.figure != nil, let outlets = v.outlets, !outlets.isEmpty { stance += "  — outlets: " + outlets.joined(separator: ", ") }
                lines.append("   version: \(stance)")
                var table = Table("claimant", "verb", "date", "document", "title")
                for c in v.claims {
                    table.add(c.speaker.map { party($0) } ?? narrator(c), c.verb ?? "", c.event?.date ?? c.documentDate ?? "", c.documentID, c.documentTitle)
                }
                lines.append(table.render(maxColumnWidth: 48).split(separator: "\n").map { "     " + $0 }.joined(separator: "\n"))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The profile's claims section.
    static func profileClaims(_ p: EntityProfile) -> String? {
        guard let claims = p.claims, !claims.isEmpty else { return nil }
        var table = Table("claims (\(p.claimCount ?? claims.count))", "verb", "claim", "", "document")
        for c in claims {
            table.add(c.speaker.map { party($0) } ?? narrator(c), c.verb ?? "", event(c), qualifiers(c), c.documentID)
        }
        return table.render()
    }
}

/// Who narrates a claim with no speaker: its outlet when the document has one ("sana (narration)").
func narrator(_ c: ClaimRecord) -> String {
    guard let source = c.source, !source.isEmpty, !source.contains("/") else { return "(narration)" }
    return "\(source) (narration)"
}
