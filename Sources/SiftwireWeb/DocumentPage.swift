import Foundation
import SiftwireProtocol

/// `/doc/{id}`: the text with every mention linked to its entity, every date marked and every claim's
/// sentence marked; then the document's entities, its dates and its claims (speaker → verb → actor/target).
extension Pages {
    /// A stretch of the text given an anchor (`claim-N`), and the claims whose span starts inside it.
    struct ClaimRegion: Equatable {
        var start: Int
        var end: Int
        var anchor: String
    }

    /// Claim spans as regions of the text: in text order, none overlapping (a claim starting inside an
    /// earlier one's span shares that region, and its anchor); spans outside the text are dropped.
    static func claimRegions(_ claims: [ClaimRecord], length: Int) -> (regions: [ClaimRegion], anchors: [Int: String]) {
        var regions: [ClaimRegion] = []
        var anchors: [Int: String] = [:]
        for claim in claims.sorted(by: { ($0.start, $0.end, $0.id) < ($1.start, $1.end, $1.id) })
        where claim.start >= 0 && claim.end <= length && claim.start < claim.end {
            if let last = regions.last, claim.start < last.end {
                anchors[claim.id] = last.anchor
                regions[regions.count - 1].end = max(last.end, claim.end)
                continue
            }
            let anchor = "claim-\(claim.id)"
            regions.append(ClaimRegion(start: claim.start, end: claim.end, anchor: anchor))
            anchors[claim.id] = anchor
        }
        return (regions, anchors)
    }

    /// The text with every mention linked to its entity, every date marked, and each claim region in a
    /// `span.claim` with its anchor. Spans are Unicode code-point offsets; a mention or date overlapping
    /// an earlier one, or crossing a claim region's edge, is left unmarked.
    static func annotatedText(_ text: String, mentions: [DocumentView.EntityMention], dates: [ExtractedDate],
                              claims: [ClaimRegion] = []) -> HTML {
        enum Span { case mention(DocumentView.EntityMention), date(ExtractedDate) }
        let scalars = Array(text.unicodeScalars)
        let spans = (mentions.map { (start: $0.start, end: $0.end, span: Span.mention($0)) } + dates.map { (start: $0.start, end: $0.end, span: Span.date($0)) })
            .filter { $0.start >= 0 && $0.end <= scalars.count && $0.start < $0.end }
            .sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        func piece(_ from: Int, _ to: Int) -> String {
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars[from..<to])
            return String(out)
        }
        /// `from..<to` with the mentions and dates lying wholly inside it.
        func inline(_ from: Int, _ to: Int) -> HTML {
            var parts: [HTML] = []
            var cursor = from
            for item in spans where item.start >= cursor && item.end <= to {
                parts.append(.text(piece(cursor, item.start)))
                let inner = piece(item.start, item.end)
                switch item.span {
                case .mention(let mention):
                    parts.append(H.el("a", [("href", Paths.entity(mention.entityID)), ("class", "mention type-\(mention.type.rawValue.lowercased())"),
                                            ("title", "\(mention.name) (\(mention.type.rawValue))"), ("data-entity", mention.entityID)], H.text(inner)))
                case .date(let date):
                    parts.append(H.el("mark", [("class", "date"), ("title", date.value ?? "date")], H.text(inner)))
                }
                cursor = item.end
            }
            parts.append(.text(piece(cursor, to)))
            return parts.joined
        }
        var parts: [HTML] = []
        var cursor = 0
        for region in claims where region.start >= cursor && region.end <= scalars.count {
            parts.append(inline(cursor, region.start))
            parts.append(H.el("span", [("class", "claim"), ("id", region.anchor)], inline(region.start, region.end)))
            cursor = region.end
        }
        parts.append(inline(cursor, scalars.count))
        return parts.joined
    }

    /// One claim as a line: speaker → verb (what was said) → event: actor → target, date, toll, stance.
    static func claimLine(_ claim: ClaimRecord, anchor: String?) -> HTML {
        var parts: [HTML] = [H.el("span", [("class", "speaker")], claim.speaker.map { party($0) } ?? H.text("the outlet"))]
        if let verb = claim.verb { parts += [H.text(" → "), H.el("em", [("class", "verb")], H.text(verb))] }
        if let event = claim.event {
            parts += [H.text(" → "), H.el("strong", [], H.text(event.type.rawValue)), H.text(": "),
                      H.el("span", [("class", "actor")], party(event.actor)), H.text(" → "), H.el("span", [("class", "target")], party(event.target))]
            if let location = event.location { parts += [H.text(" in "), party(location)] }
            let facts = [event.date, event.quantity.map { $0 + (event.runningTotal == true ? " (running total)" : "") }].compactMap { $0 }
            if !facts.isEmpty { parts.append(H.text(" · " + facts.joined(separator: " · "))) }
        } else if let content = claim.content {
            parts += [H.text(": "), H.el("q", [], H.text(content))]
        }
        if claim.polarity != .asserted || claim.modality != .asserted {
            parts.append(H.text(" (" + [claim.polarity.rawValue, claim.modality.rawValue].filter { $0 != "asserted" }.joined(separator: ", ") + ")"))
        }
        if let anchor { parts += [H.text(" · "), H.link("#" + anchor, "in the text", [("class", "to-text")])] }
        return H.el("li", [("class", "doc-claim")], children: parts)
    }

    static func document(identity: Identity, view: DocumentView, claims: ClaimList?) -> String {
        let document = view.document
        let scalarCount = document.text.unicodeScalars.count
        let (regions, anchors) = claimRegions(claims?.claims ?? [], length: scalarCount)
        let facts = [document.date, document.source, document.author, document.language].compactMap { $0 }
        var content: [HTML] = [H.el("h1", [], H.text(document.title.isEmpty ? document.id : document.title))]
        content.append(H.el("p", [("class", "meta")], H.el("code", [], H.text(document.id)), H.text(facts.isEmpty ? "" : " · " + facts.joined(separator: " · "))))
        if let url = document.url {
            content.append(H.el("p", [], H.text("Original: "), H.el("a", [("href", url), ("rel", "noopener noreferrer nofollow")], H.text(url))))
        }
        content.append(H.el("p", [("class", "legend")], H.text("Marked in the text: "), H.el("span", [("class", "mention-key")], H.text("entities")), H.text(", "),
                            H.el("mark", [("class", "date")], H.text("dates")), H.text(", "), H.el("span", [("class", "claim")], H.text("claims"))))
        content.append(H.el("article", [("class", "doctext"), ("id", "doctext")],
                            annotatedText(document.text, mentions: view.mentions, dates: view.dates, claims: regions)))
        var seen: Set<String> = []
        let entities = view.mentions.filter { seen.insert($0.entityID).inserted }
        content.append(H.el("section", [("aria-labelledby", "h-entities")],
            H.el("h2", [("id", "h-entities")], H.text("Entities")),
            H.el("ul", [("class", "entities")], children: entities.map { mention in
                H.el("li", [], H.link(Paths.entity(mention.entityID), mention.name), H.text(" (\(mention.type.rawValue))"))
            })))
        content.append(H.el("section", [("aria-labelledby", "h-dates")],
            H.el("h2", [("id", "h-dates")], H.text("Dates")),
            view.dates.isEmpty ? H.p("No dates found in the text.") : H.el("ul", [("class", "dates"), ("id", "doc-dates")], children: view.dates.map { date in
                H.el("li", [], H.el("mark", [("class", "date")], H.text(date.text)), H.text(date.value.map { " → " + $0 } ?? " (not resolved)"))
            })))
        let claimHeading = "Claims" + (claims.map { " (\($0.total))" } ?? "")
        var claimSection: [HTML] = [H.el("h2", [("id", "h-claims")], H.text(claimHeading))]
        if let claims {
            claimSection.append(claims.claims.isEmpty ? H.p("No claims extracted from this document.")
                : H.el("ol", [("class", "doc-claims"), ("id", "doc-claims")], children: claims.claims.map { claimLine($0, anchor: anchors[$0.id]) }))
            if claims.total > claims.claims.count { claimSection.append(H.p("Showing the first \(claims.claims.count).")) }
        } else {
            claimSection.append(H.p("The claims could not be read.", [("class", "error")]))
        }
        content.append(H.el("section", [("aria-labelledby", "h-claims")], children: claimSection))
        return layout(title: document.title.isEmpty ? document.id : document.title, identity: identity, content.joined)
    }
}
