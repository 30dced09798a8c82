import Foundation
import SiftwireProtocol

/// The facets beside search results: entity, entity type, outlet (source) and a date histogram, each
/// value a link that adds its filter to the search's URL.
///
/// The query service has no facet request, so they are counted here from what it answers: outlets and
/// dates over the top `rankedWindow` hits of the ranking (one search asked for that many), entities and
/// types over the documents of the page shown (each document's mentions from `query.doc`, kept a while in
/// `DocumentEntities`). They describe the best-ranked documents, not every match of a large result.
struct SearchFacets: Sendable, Equatable {
    struct Value: Sendable, Equatable {
        /// What the filter is set to (an entity id, a type, an outlet).
        var value: String
        var label: String
        var count: Int
    }

    struct Bucket: Sendable, Equatable {
        /// `YYYY-MM` or `YYYY`.
        var label: String
        var from: String
        var to: String
        var count: Int
    }

    var entities: [Value] = []
    var types: [Value] = []
    var sources: [Value] = []
    var dates: [Bucket] = []
    /// Hits the outlet and date facets were counted over.
    var rankedWindow = 0
    /// Documents the entity and type facets were counted over.
    var entityWindow = 0

    /// Hits asked for to count outlets and dates (the index's largest page).
    static let rankedWindowSize = 100
    /// Values listed per facet.
    static let valuesShown = 10

    /// Outlets (most hits first) and the date histogram of `hits`.
    static func rankedFacets(_ hits: [SearchResults.Hit]) -> (sources: [Value], dates: [Bucket]) {
        var sources: [String: Int] = [:]
        for hit in hits {
            if let source = hit.metadata?.source ?? hit.source, !source.isEmpty { sources[source, default: 0] += 1 }
        }
        let values = sources.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(valuesShown)
            .map { Value(value: $0.key, label: outletLabel($0.key), count: $0.value) }
        return (values, histogram(hits.compactMap(\.date)))
    }

    /// An outlet as the panel shows it: a URL's host, a path's last part (`upload/note.md` → `note.md`),
    /// else as given; the link's title has it in full.
    static func outletLabel(_ source: String) -> String {
        if let url = URL(string: source), let host = url.host, source.contains("://") { return host }
        if source.contains("/"), let last = source.split(separator: "/").last { return String(last) }
        return source
    }

    /// Documents per month from the first dated hit's month to the last's, or per year when that spans
    /// more than three years; empty buckets in between are kept so the axis is time.
    static func histogram(_ dates: [String]) -> [Bucket] {
        let months = dates.compactMap(TimelineChart.monthIndex)
        guard let first = months.min(), let last = months.max() else { return [] }
        if last - first < 36 {
            var counts: [Int: Int] = [:]
            for month in months { counts[month, default: 0] += 1 }
            return (first...last).map { index in
                let (year, month) = (index / 12, index % 12 + 1)
                return Bucket(label: String(format: "%04d-%02d", year, month), from: String(format: "%04d-%02d-01", year, month),
                              to: String(format: "%04d-%02d-%02d", year, month, daysIn(month: month, year: year)), count: counts[index] ?? 0)
            }
        }
        var counts: [Int: Int] = [:]
        for month in months { counts[month / 12, default: 0] += 1 }
        return (first / 12...last / 12).map { year in
            Bucket(label: String(format: "%04d", year), from: String(format: "%04d-01-01", year), to: String(format: "%04d-12-31", year),
                   count: counts[year] ?? 0)
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Entities (documents mentioning each, most first) and types (documents mentioning one of that type)
    /// over `documents`, each the distinct entities of one document.
    static func entityFacets(_ documents: [[DocumentEntities.Entity]]) -> (entities: [Value], types: [Value]) {
        var entities: [String: (name: String, count: Int)] = [:]
        var types: [String: Int] = [:]
        for document in documents {
            for entity in document { entities[entity.id, default: (entity.name, 0)].count += 1 }
            for type in Set(document.map(\.type)) { types[type, default: 0] += 1 }
        }
        let topEntities = entities.sorted { ($1.value.count, $0.value.name, $0.key) < ($0.value.count, $1.value.name, $1.key) }
            .prefix(valuesShown).map { Value(value: $0.key, label: $0.value.name, count: $0.value.count) }
        let allTypes = types.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { Value(value: $0.key, label: $0.key, count: $0.value) }
        return (topEntities, allTypes)
    }
}

/// The distinct entities each document mentions, from `query.doc`, kept for `lifetime` (merges and
/// splits change them: this server forgets everything on its own curation, and when `capacity`
/// documents are kept).
actor DocumentEntities {
    struct Entity: Sendable, Hashable {
        var id: String
        var name: String
        var type: String
    }

    private var known: [String: (at: ContinuousClock.Instant, entities: [Entity])] = [:]
    private let lifetime: Duration
    private let capacity: Int

    init(lifetime: Duration = .seconds(300), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    static func distinct(_ view: DocumentView) -> [Entity] {
        var seen: Set<String> = []
        return view.mentions.filter { seen.insert($0.entityID).inserted }.map { Entity(id: $0.entityID, name: $0.name, type: $0.type.rawValue) }
    }

    /// Each document's entities, in the order of `ids`; a document whose `query.doc` failed counts as none.
    func entities(of ids: [String], gateway: QueryGateway) async -> [[Entity]] {
        let now = ContinuousClock.now
        var found: [String: [Entity]] = [:]
        for id in ids { if let kept = known[id], now - kept.at < lifetime { found[id] = kept.entities } }
        let missing = Array(Set(ids).subtracting(found.keys))
        if !missing.isEmpty {
            let fetched = await withTaskGroup(of: (String, [Entity]?).self) { group in
                for id in missing {
                    group.addTask { (id, (try? await gateway.ask(DocumentQuery(id: id))).map(Self.distinct)) }
                }
                var out: [(String, [Entity]?)] = []
                for await result in group { out.append(result) }
                return out
            }
            for (id, entities) in fetched {
                guard let entities else { continue }
                found[id] = entities
                remember(id, entities)
            }
        }
        return ids.map { found[$0] ?? [] }
    }

    private func remember(_ id: String, _ entities: [Entity]) {
        if known.count >= capacity { known.removeAll(keepingCapacity: true) }
        known[id] = (ContinuousClock.now, entities)
    }

    /// After a merge or split: entity ids and names may have changed.
    func forgetAll() {
        known.removeAll()
    }
}

/// The facets as a panel beside the hits: each value links to this search with its filter added; a
/// filter already set shows a link that clears it.
extension Pages {
    static func facetPanel(_ facets: SearchFacets, filters: SearchFilters) -> HTML {
        func group(_ id: String, _ title: String, _ values: [SearchFacets.Value], active: String?, clear: String,
                   set: @escaping (inout SearchFilters, String) -> Void) -> HTML {
            guard !values.isEmpty || active != nil else { return .empty }
            var items: [HTML] = values.map { value in
                let current = value.value == active
                return H.el("li", [("class", current ? "active" : nil)],
                    current ? H.el("strong", [("title", value.value)], H.text(value.label))
                        : H.link(filters.url { set(&$0, value.value) }, value.label, [("data-value", value.value), ("title", value.label == value.value ? nil : value.value)]),
                    H.text(" "), H.el("span", [("class", "count")], H.text(String(value.count))))
            }
            if active != nil { items.append(H.el("li", [("class", "clear")], H.link(filters.url { set(&$0, "") }, clear))) }
            return H.el("section", [("class", "facet"), ("id", "facet-" + id), ("aria-labelledby", "h-facet-" + id)],
                H.el("h2", [("id", "h-facet-" + id)], H.text(title)), H.el("ul", [], children: items))
        }
        let entityNote = "the \(facets.entityWindow) document\(facets.entityWindow == 1 ? "" : "s") on this page"
        let rankedNote = "the top \(facets.rankedWindow) hit\(facets.rankedWindow == 1 ? "" : "s")"
        return H.el("aside", [("class", "facets"), ("aria-label", "Narrow the search")],
            group("entity", "Entities", facets.entities, active: filters.entity, clear: "any entity") { $0.entity = $1.isEmpty ? nil : $1 },
            group("type", "Types", facets.types, active: filters.type, clear: "any type") { $0.type = $1.isEmpty ? nil : $1 },
            H.p("Entities and types: in \(entityNote).", [("class", "facet-note")]),
            group("source", "Outlets", facets.sources, active: filters.source, clear: "any outlet") { $0.source = $1.isEmpty ? nil : $1 },
            dateFacet(facets.dates, filters: filters),
            H.p("Outlets and dates: in \(rankedNote).", [("class", "facet-note")]))
    }

    /// The date histogram: a bar per month or year, each a link narrowing the search to it.
    static func dateFacet(_ buckets: [SearchFacets.Bucket], filters: SearchFilters) -> HTML {
        let active = filters.from != nil || filters.to != nil
        guard !buckets.isEmpty || active else { return .empty }
        let width = 240.0, height = 96.0, bottom = 16.0, top = 4.0
        let peak = max(1, buckets.map(\.count).max() ?? 1)
        let slot = width / Double(max(1, buckets.count))
        var parts: [HTML] = []
        for (index, bucket) in buckets.enumerated() {
            let barHeight = (height - top - bottom) * Double(bucket.count) / Double(peak)
            let tip = "\(bucket.label): \(bucket.count) hit\(bucket.count == 1 ? "" : "s")"
            let bar = HTML.element("rect", [("x", n(Double(index) * slot + slot * 0.1)), ("y", n(height - bottom - barHeight)),
                                            ("width", n(max(1, slot * 0.8))), ("height", n(max(barHeight, bucket.count > 0 ? 1 : 0))), ("class", "bar")],
                                   [H.el("title", [], H.text(tip))])
            parts.append(bucket.count == 0 ? bar : H.el("a", [("href", filters.url { $0.from = bucket.from; $0.to = bucket.to }), ("aria-label", tip),
                                                              ("class", "date-bar"), ("data-from", bucket.from)], bar))
        }
        if let first = buckets.first, let last = buckets.last {
            parts.append(HTML.element("text", [("x", "0"), ("y", n(height - 3)), ("class", "tick")], [.text(first.label)]))
            if buckets.count > 1 {
                parts.append(HTML.element("text", [("x", n(width)), ("y", n(height - 3)), ("class", "tick"), ("text-anchor", "end")], [.text(last.label)]))
            }
        }
        var content: [HTML] = [H.el("h2", [("id", "h-facet-date")], H.text("Dates"))]
        if !buckets.isEmpty {
            content.append(HTML.element("svg", [("class", "histogram"), ("viewBox", "0 0 \(n(width)) \(n(height))"),
                                                ("aria-label", "Hits per \(buckets[0].label.count == 4 ? "year" : "month")"),
                                                ("xmlns", "http://www.w3.org/2000/svg")], parts))
        }
        if active {
            content.append(H.p("From \(filters.from ?? "the start") to \(filters.to ?? "the end").", [("class", "active")]))
            content.append(H.el("p", [("class", "clear")], H.link(filters.url { $0.from = nil; $0.to = nil }, "any date")))
        }
        return H.el("section", [("class", "facet"), ("id", "facet-date"), ("aria-labelledby", "h-facet-date")], children: content)
    }
}
