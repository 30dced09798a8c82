import Foundation
import SiftwireAccounts
import SiftwireProtocol

/// The pages, as pure functions from query-service replies to HTML. Every string that came from a
/// document, an entity name or a user goes in through `H.text` or an attribute value (escaped).
enum Pages {
    /// The frame around every page: head, navigation, the signed-in account, a sign-out form.
    static func layout(title: String, identity: Identity?, query: String = "", refresh: Int? = nil, script: String? = nil, _ content: HTML...) -> String {
        var nav: [HTML] = [
            H.link("/", "Siftwire", [("class", "brand")]),
            H.el("form", [("method", "get"), ("action", "/search"), ("class", "navsearch"), ("role", "search")],
                 H.el("label", [("for", "nav-q"), ("class", "visually-hidden")], H.text("Search documents")),
                 HTML.element("input", [("type", "search"), ("id", "nav-q"), ("name", "q"), ("value", query), ("placeholder", "Search: Idleb, al-Jolani…")]),
                 H.el("button", [("type", "submit")], H.text("Search"))),
            H.link("/claims", "Claims"),
            H.link("/contradictions", "Contradictions"),
            H.link("/watch", "Watch"),
            H.link("/upload", "Upload"),
            H.link("/status", "Status"),
        ]
        if let identity, identity.account.role >= .admin { nav.append(H.link("/admin/users", "Accounts")) }
        if let identity {
            nav.append(H.el("span", [("class", "who"), ("id", "who")],
                            H.text("\(identity.account.name) (\(identity.account.role.rawValue))")))
            if let csrf = identity.csrfToken {
                nav.append(H.el("form", [("method", "post"), ("action", "/logout"), ("class", "logout")],
                                H.csrf(csrf), H.el("button", [("type", "submit")], H.text("Sign out"))))
            }
        }
        let page = H.el("html", [("lang", "en")],
            H.el("head", [],
                 HTML.element("meta", [("charset", "utf-8")]),
                 HTML.element("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
                 refresh.map { H.el("noscript", [], HTML.element("meta", [("http-equiv", "refresh"), ("content", String($0))])) } ?? .empty,
                 script.map { H.el("script", [("src", $0), ("defer", "")]) } ?? .empty,
                 H.el("title", [], H.text(title + " · Siftwire")),
                 HTML.element("link", [("rel", "stylesheet"), ("href", "/static/siftwire.css")])),
            H.el("body", [],
                 H.el("header", [], H.el("nav", [("aria-label", "Main")], children: nav)),
                 H.el("main", [("id", "main")], children: content)))
        return HTML.document(page)
    }

    // MARK: Sign-in

    static func login(next: String, csrf: String, message: String?) -> String {
        layout(title: "Sign in", identity: nil,
            H.el("h1", [], H.text("Sign in")),
            message.map { H.p($0, [("class", "error"), ("role", "alert")]) } ?? .empty,
            H.el("form", [("method", "post"), ("action", "/login"), ("class", "login")],
                 H.csrf(csrf),
                 HTML.element("input", [("type", "hidden"), ("name", "next"), ("value", next)]),
                 H.el("label", [("for", "name")], H.text("User name")),
                 HTML.element("input", [("id", "name"), ("name", "name"), ("autocomplete", "username"), ("required", "")]),
                 H.el("label", [("for", "password")], H.text("Password")),
                 HTML.element("input", [("id", "password"), ("name", "password"), ("type", "password"), ("autocomplete", "current-password"), ("required", "")]),
                 H.el("button", [("type", "submit"), ("id", "signin")], H.text("Sign in"))))
    }

    static func message(title: String, identity: Identity?, text: String) -> String {
        layout(title: title, identity: identity, H.el("h1", [], H.text(title)), H.p(text, [("class", "error"), ("role", "alert")]))
    }

    // MARK: Home

    static func home(identity: Identity, stats: IndexStats?) -> String {
        var content: [HTML] = [H.el("h1", [], H.text("Siftwire workbench")), searchForm(SearchFilters())]
        if let stats {
            content.append(H.el("p", [("class", "stats")],
                H.text("\(stats.documents) documents, \(stats.entities) entities, \(stats.mentions) mentions indexed.")))
        }
        return layout(title: "Home", identity: identity, content.joined)
    }

    // MARK: Search

    struct SearchFilters: Sendable {
        var text = ""
        var source: String?
        var from: String?
        var to: String?
        var type: String?
        var entity: String?
        var offset = 0

        /// This search's URL with `change` applied (a facet's filter set or cleared), from its first page.
        func url(offset: Int? = nil, _ change: (inout SearchFilters) -> Void = { _ in }) -> String {
            var changed = self
            change(&changed)
            return Paths.search(changed.text, source: changed.source, from: changed.from, to: changed.to, type: changed.type,
                                entity: changed.entity, offset: offset.flatMap { $0 > 0 ? $0 : nil })
        }
    }

    static func searchForm(_ filters: SearchFilters) -> HTML {
        func field(_ name: String, _ label: String, _ value: String?, type: String = "text", placeholder: String? = nil) -> HTML {
            H.el("span", [("class", "field")],
                 H.el("label", [("for", "f-" + name)], H.text(label)),
                 HTML.element("input", [("id", "f-" + name), ("name", name), ("type", type), ("value", value ?? ""), ("placeholder", placeholder)]))
        }
        let types = [("", "any type")] + EntityType.allCases.map { ($0.rawValue, $0.rawValue) }
        return H.el("form", [("method", "get"), ("action", "/search"), ("class", "search"), ("role", "search")],
            field("q", "Words, names or \"phrases\"", filters.text, type: "search", placeholder: "Idleb"),
            field("source", "Source", filters.source),
            field("from", "From", filters.from, type: "date"),
            field("to", "To", filters.to, type: "date"),
            H.el("span", [("class", "field")],
                 H.el("label", [("for", "f-type")], H.text("Mentions a")),
                 H.el("select", [("id", "f-type"), ("name", "type")], children: types.map { value, label in
                     H.el("option", [("value", value), ("selected", filters.type == value || (filters.type == nil && value.isEmpty) ? "" : nil)], H.text(label))
                 })),
            HTML.element("input", [("type", "hidden"), ("name", "entity"), ("value", filters.entity)]),
            H.el("button", [("type", "submit"), ("id", "search-button")], H.text("Search")))
    }

    /// A snippet whose matches are wrapped in `[` `]`, with those matches in `<mark>`.
    static func snippet(_ text: String) -> HTML {
        var parts: [HTML] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            parts.append(.text(String(rest[..<open])))
            parts.append(H.el("mark", [], H.text(String(rest[rest.index(after: open)..<close]))))
            rest = rest[rest.index(after: close)...]
        }
        parts.append(.text(String(rest)))
        return parts.joined
    }

    static func search(identity: Identity, filters: SearchFilters, results: SearchResults?, facets: SearchFacets? = nil) -> String {
        var content: [HTML] = [H.el("h1", [], H.text(filters.text.isEmpty ? "Search" : "Search: \(filters.text)")), searchForm(filters)]
        guard let results else { return layout(title: "Search", identity: identity, query: filters.text, content.joined) }
        if !results.expansions.isEmpty {
            content.append(H.el("section", [("class", "expansions"), ("aria-label", "Name expansion")],
                H.el("h2", [], H.text("Names expanded")),
                H.el("ul", [], children: results.expansions.map { expansion in
                    let others = expansion.aliases.filter { $0 != expansion.term }
                    return H.el("li", [],
                        H.el("span", [("class", "term")], H.text(expansion.term)), H.text(" → "),
                        H.text(others.isEmpty ? expansion.term : others.joined(separator: ", ")), H.text(" "),
                        H.link(Paths.entity(expansion.entityID), "entity page", [("class", "expansion-entity"), ("data-entity", expansion.entityID)]))
                })))
        }
        if let effective = results.effectiveText {
            content.append(H.el("p", [("class", "effective")], H.text("Query run: "), H.el("code", [], H.text(effective))))
        }
        content.append(H.el("p", [("class", "total"), ("id", "total")],
            H.text((results.totalIsLowerBound == true ? "at least " : "") + "\(results.total) document\(results.total == 1 ? "" : "s")" + (results.total > results.hits.count ? ", showing \(filters.offset + 1)–\(filters.offset + results.hits.count)" : ""))))
        var listing: [HTML] = []
        listing.append(H.el("ol", [("class", "hits"), ("start", String(filters.offset + 1))], children: results.hits.map { hit in
            let facts = [hit.date, hit.metadata?.source ?? hit.source, hit.copies.map { "\($0) copies" }].compactMap { $0 }
            return H.el("li", [("class", "hit")],
                H.el("h3", [], H.link(Paths.document(hit.id), hit.title.isEmpty ? hit.id : hit.title)),
                H.el("p", [("class", "meta")], H.text(facts.joined(separator: " · "))),
                H.el("p", [("class", "snippet")], snippet(hit.snippet)))
        }))
        var pager: [HTML] = []
        if filters.offset > 0 {
            pager.append(H.link(filters.url(offset: max(0, filters.offset - 20)), "← Previous"))
        }
        if filters.offset + results.hits.count < results.total {
            pager.append(H.link(filters.url(offset: filters.offset + results.hits.count), "Next →"))
        }
        listing.append(H.el("nav", [("class", "pager"), ("aria-label", "Pages")], children: pager))
        content.append(H.el("div", [("class", "results")], H.el("div", [("class", "listing")], children: listing),
                            facets.map { facetPanel($0, filters: filters) } ?? .empty))
        return layout(title: "Search: \(filters.text)", identity: identity, query: filters.text, content.joined)
    }

    // MARK: Entity

    static func entity(identity: Identity, profile: EntityProfile, timeline: Timeline?, graph: ComentionGraph?, notice: String?,
                       layouts: LayoutCache? = nil) -> String {
        var content: [HTML] = []
        if let notice { content.append(H.p(notice, [("class", "notice"), ("role", "status"), ("id", "notice")])) }
        content.append(H.el("h1", [("id", "entity-name")], H.text(profile.name), H.text(" "),
                            H.el("span", [("class", "badge type-\(profile.type.rawValue.lowercased())")], H.text(profile.type.rawValue))))
        var facts = "\(profile.documentCount) documents, \(profile.mentionCount) mentions"
        if let first = profile.firstSeen, let last = profile.lastSeen { facts += ", \(first) to \(last)" }
        content.append(H.el("p", [("class", "meta")], H.el("code", [], H.text(profile.id)), H.text(" · " + facts)))
        if profile.match == "fuzzy" {
            content.append(H.p("Closest match (score \(profile.score.map { String(format: "%.2f", $0) } ?? "?")).", [("class", "notice")]))
        }
        content.append(H.el("section", [("aria-labelledby", "h-aliases")],
            H.el("h2", [("id", "h-aliases")], H.text("Names and aliases")),
            H.el("table", [("class", "aliases")],
                 H.el("thead", [], H.el("tr", [], H.el("th", [("scope", "col")], H.text("Name")), H.el("th", [("scope", "col")], H.text("Mentions")),
                                        H.el("th", [("scope", "col")], H.text("Why linked")))),
                 H.el("tbody", [], children: profile.aliases.map { alias in
                     H.el("tr", [], H.el("td", [], H.text(alias.text)), H.el("td", [("class", "num")], H.text(String(alias.count))),
                          H.el("td", [], H.text(alias.reason ?? "display name")))
                 }))))
        let bars = TimelineChart.bars((timeline?.series.first?.buckets ?? []).map { ($0.start, $0.documents) })
        content.append(H.el("section", [("aria-labelledby", "h-timeline")],
            H.el("h2", [("id", "h-timeline")], H.text("Documents per month")),
            bars.isEmpty ? H.p("No dated documents.") : TimelineChart.svg(bars, label: "Documents per month mentioning \(profile.name)")))
        content.append(H.el("section", [("aria-labelledby", "h-graph")],
            H.el("h2", [("id", "h-graph")], H.text("Co-mentions")), graphFigure(graph, name: profile.name, layouts: layouts)))
        content.append(H.el("section", [("aria-labelledby", "h-docs")],
            H.el("h2", [("id", "h-docs")], H.text("Documents")),
            H.el("ul", [("class", "docs")], children: profile.documents.map { document in
                H.el("li", [], H.link(Paths.document(document.id), document.title.isEmpty ? document.id : document.title),
                     H.text(" · " + [document.date, "\(document.mentions) mention\(document.mentions == 1 ? "" : "s")"].compactMap { $0 }.joined(separator: " · ")))
            }),
            H.el("p", [], H.link(Paths.search("", entity: profile.id), "All documents mentioning \(profile.name)"))))
        if let claims = profile.claims, !claims.isEmpty {
            content.append(H.el("section", [("aria-labelledby", "h-claims")],
                H.el("h2", [("id", "h-claims")], H.text("Claims (\(profile.claimCount ?? claims.count))")),
                claimTable(claims),
                H.el("p", [], H.link(Paths.with("/claims", [("entity", profile.id)]), "All claims"))))
        }
        if let judgements = profile.judgements, !judgements.isEmpty {
            content.append(H.el("section", [("aria-labelledby", "h-judgements")],
                H.el("h2", [("id", "h-judgements")], H.text("Judgements")),
                H.el("ul", [], children: judgements.map { judgement in
                    H.el("li", [], H.text("\(judgement.kind) \(judgement.other)" + (judgement.alias.map { " (alias \($0))" } ?? "")
                                          + " by \(judgement.by), \(judgement.at)" + (judgement.note.map { ": \($0)" } ?? "")))
                })))
        }
        content.append(curation(identity: identity, profile: profile))
        return layout(title: profile.name, identity: identity, content.joined)
    }

    static func graphFigure(_ graph: ComentionGraph?, name: String, layouts: LayoutCache? = nil) -> HTML {
        guard let graph, graph.nodes.count > 1 else { return H.p("No co-mentions.") }
        let nodes = graph.nodes.map { GraphChart.Node(id: $0.id, name: $0.name, type: $0.type.rawValue, documents: $0.documents) }
        let index = Dictionary(graph.nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let edges = graph.edges.compactMap { edge -> GraphLayout.Edge? in
            guard let a = index[edge.source], let b = index[edge.target] else { return nil }
            return GraphLayout.Edge(a: a, b: b, weight: edge.weight)
        }
        let layout = GraphLayout()
        let center = index[graph.center]
        let positions = layouts.map { cache in
            cache.positions(layout: layout, nodes: nodes.map(\.id), edges: edges, center: center)
        } ?? layout.positions(count: nodes.count, edges: edges, center: center)
        return GraphChart.svg(nodes: nodes, edges: edges, center: center, layout: layout, positions: positions,
                              label: "Entities mentioned together with \(name)")
    }

    /// Merge and split forms for curators; a note for viewers (the server refuses them either way).
    static func curation(identity: Identity, profile: EntityProfile) -> HTML {
        guard identity.account.role >= .curator else {
            return H.el("section", [("aria-labelledby", "h-curate")], H.el("h2", [("id", "h-curate")], H.text("Curation")),
                        H.p("Curators can merge and split entities."))
        }
        let csrf = identity.csrfToken.map(H.csrf) ?? .empty
        let aliases = profile.aliases.filter { $0.text != profile.name }
        return H.el("section", [("aria-labelledby", "h-curate"), ("class", "curate")],
            H.el("h2", [("id", "h-curate")], H.text("Curation")),
            H.el("form", [("method", "post"), ("action", Paths.entity(profile.id) + "/merge"), ("id", "merge-form")],
                 csrf,
                 H.el("label", [("for", "merge-from")], H.text("Merge into this entity (id or name):")),
                 HTML.element("input", [("id", "merge-from"), ("name", "from"), ("required", "")]),
                 H.el("label", [("for", "merge-note")], H.text("Note")),
                 HTML.element("input", [("id", "merge-note"), ("name", "note")]),
                 H.el("button", [("type", "submit"), ("id", "merge-button")], H.text("Merge"))),
            aliases.isEmpty ? .empty : H.el("form", [("method", "post"), ("action", Paths.entity(profile.id) + "/split"), ("id", "split-form")],
                 csrf,
                 H.el("label", [("for", "split-alias")], H.text("Split off the alias")),
                 H.el("select", [("id", "split-alias"), ("name", "alias")], children: aliases.map { H.el("option", [("value", $0.text)], H.text($0.text)) }),
                 H.el("label", [("for", "split-name")], H.text("as a new entity named (optional)")),
                 HTML.element("input", [("id", "split-name"), ("name", "newName")]),
                 H.el("button", [("type", "submit"), ("id", "split-button")], H.text("Split"))),
            H.el("form", [("method", "post"), ("action", Paths.entity(profile.id) + "/distinct"), ("id", "distinct-form")],
                 csrf,
                 H.el("label", [("for", "distinct-other")], H.text("Not the same as (id or name):")),
                 HTML.element("input", [("id", "distinct-other"), ("name", "other"), ("required", "")]),
                 H.el("button", [("type", "submit"), ("id", "distinct-button")], H.text("Mark distinct"))))
    }

    // MARK: Claims

    static func party(_ party: ClaimParty?) -> HTML {
        guard let party else { return H.text("—") }
        // a named party under its entity's name (the words the claim used are in the claim table)
        if let id = party.entityID { return H.link(Paths.entity(id), party.name.isEmpty ? party.text : party.name) }
        return H.text(party.text.isEmpty ? party.name : party.text)
    }

    static func claimTable(_ claims: [ClaimRecord]) -> HTML {
        H.el("table", [("class", "claims")],
            H.el("thead", [], H.el("tr", [], children: ["Document", "Speaker", "Claim", "Event", "Polarity"].map {
                H.el("th", [("scope", "col")], H.text($0))
            })),
            H.el("tbody", [], children: claims.map { claim in
                let event: HTML = claim.event.map { event in
                    [H.el("strong", [], H.text(event.type.rawValue)), H.text(": "), party(event.actor), H.text(" → "), party(event.target),
                     H.text([event.date, event.quantity].compactMap { $0 }.map { " · " + $0 }.joined())].joined
                } ?? H.text("—")
                return H.el("tr", [],
                    H.el("td", [], H.link(Paths.document(claim.documentID), claim.documentTitle.isEmpty ? claim.documentID : claim.documentTitle),
                         H.el("br"), H.text([claim.documentDate, claim.metadata?.source ?? claim.source].compactMap { $0 }.joined(separator: " · "))),
                    H.el("td", [], party(claim.speaker)),
                    H.el("td", [], H.text([claim.verb, claim.content].compactMap { $0 }.joined(separator: ": "))),
                    H.el("td", [], event),
                    H.el("td", [], H.text("\(claim.polarity.rawValue), \(claim.modality.rawValue)")))
            }))
    }

    static func claims(identity: Identity, entity: String?, eventType: String?, list: ClaimList) -> String {
        var content: [HTML] = [H.el("h1", [], H.text("Claims" + (entity.map { " about \($0)" } ?? "")))]
        content.append(H.el("form", [("method", "get"), ("action", "/claims"), ("class", "search")],
            H.el("label", [("for", "c-entity")], H.text("Entity")),
            HTML.element("input", [("id", "c-entity"), ("name", "entity"), ("value", entity ?? "")]),
            H.el("label", [("for", "c-event")], H.text("Event type")),
            H.el("select", [("id", "c-event"), ("name", "event")], children: [H.el("option", [("value", "")], H.text("any"))] + EventType.allCases.map {
                H.el("option", [("value", $0.rawValue), ("selected", eventType == $0.rawValue ? "" : nil)], H.text($0.rawValue))
            }),
            H.el("button", [("type", "submit")], H.text("Filter"))))
        content.append(H.p("\(list.total) claim\(list.total == 1 ? "" : "s")", [("id", "total")]))
        content.append(claimTable(list.claims))
        return layout(title: "Claims", identity: identity, content.joined)
    }

    static func contradictions(identity: Identity, entity: String?, reply: Contradictions) -> String {
        var content: [HTML] = [H.el("h1", [], H.text("Contradictions" + (entity.map { " about \($0)" } ?? "")))]
        content.append(H.el("form", [("method", "get"), ("action", "/contradictions"), ("class", "search")],
            H.el("label", [("for", "x-entity")], H.text("Entity")),
            HTML.element("input", [("id", "x-entity"), ("name", "entity"), ("value", entity ?? "")]),
            H.el("button", [("type", "submit")], H.text("Filter"))))
        if reply.groups.isEmpty { content.append(H.p("No contradicting claims found.")) }
        for group in reply.groups {
            content.append(H.el("section", [("class", "contradiction")],
                H.el("h2", [], H.text("\(group.eventType.rawValue): "), party(group.target),
                     group.location.map { H.el("span", [], H.text(" in "), party($0)) } ?? H.text(""),
                     H.text([group.from, group.to].compactMap { $0 }.isEmpty ? "" : " (" + [group.from, group.to].compactMap { $0 }.joined(separator: " – ") + ")")),
                H.p("Why: " + group.reasons.joined(separator: "; ")),
                H.el("ol", [("class", "versions")], children: group.versions.map { version in
                    H.el("li", [],
                        H.el("p", [], H.el("strong", [], H.text("Version: ")), party(version.actor), H.text(" (\(version.polarity.rawValue))"),
                             H.text(version.figure.map { " · \($0) killed" } ?? ""),
                             H.text(" · claimed by " + (version.claimants.isEmpty ? "unnamed sources" : version.claimants.joined(separator: ", "))),
                             // whose toll it is matters in a casualty dispute
                             H.text(version.figure == nil ? "" : version.outlets.map { $0.isEmpty ? "" : " · outlets: " + $0.joined(separator: ", ") } ?? "")),
                        claimTable(version.claims))
                })))
        }
        return layout(title: "Contradictions", identity: identity, content.joined)
    }

    // MARK: Watchlists

    static func watch(identity: Identity, watches: [Watch], alerts: [AlertFeed.Received], following: String?) -> String {
        let curator = identity.account.role >= .curator
        var content: [HTML] = [H.el("h1", [], H.text("Watchlists and alerts"))]
        content.append(H.el("section", [("aria-labelledby", "h-alerts")],
            H.el("h2", [("id", "h-alerts")], H.text("Recent alerts")),
            H.p(following.map { _ in "New documents matching a watchlist, as the query service announces them (without JavaScript, this page refreshes itself every 10 seconds)." }
                ?? "This server follows no alert endpoint."),
            H.p("", [("id", "live-status"), ("role", "status")]),
            H.el("ul", [("id", "alerts-live")]),
            alerts.isEmpty ? H.p("No alerts before this page was opened.", [("id", "no-alerts")]) : H.el("ul", [("id", "alerts")], children: alerts.map { received in
                H.el("li", [("class", "alert")],
                     H.el("strong", [], H.text(received.alert.watch)), H.text(": "),
                     H.link(Paths.document(received.alert.document.id), received.alert.document.title.isEmpty ? received.alert.document.id : received.alert.document.title),
                     H.text(" · " + [received.alert.document.date, "matched \(received.alert.matched)"].compactMap { $0 }.joined(separator: " · ")))
            })))
        content.append(H.el("section", [("aria-labelledby", "h-watches")],
            H.el("h2", [("id", "h-watches")], H.text("Watchlists")),
            watches.isEmpty ? H.p("No watchlists.") : H.el("table", [("id", "watches")],
                H.el("thead", [], H.el("tr", [], children: ["Name", "Watches", "Since", curator ? "Remove" : ""].map { H.el("th", [("scope", "col")], H.text($0)) })),
                H.el("tbody", [], children: watches.map { watch in
                    H.el("tr", [],
                        H.el("td", [], H.text(watch.name)),
                        H.el("td", [], watch.entity.map { H.text("entity ") + H.link(Paths.entity($0), $0) } ?? .empty,
                             watch.search.map { H.text("search “\($0)”") } ?? .empty),
                        H.el("td", [], H.text(watch.createdAt)),
                        H.el("td", [], curator ? H.el("form", [("method", "post"), ("action", "/watch/remove")],
                            identity.csrfToken.map(H.csrf) ?? .empty,
                            HTML.element("input", [("type", "hidden"), ("name", "name"), ("value", watch.name)]),
                            H.el("button", [("type", "submit")], H.text("Remove"))) : .empty))
                }))))
        if curator {
            content.append(H.el("form", [("method", "post"), ("action", "/watch"), ("class", "search"), ("id", "watch-form")],
                identity.csrfToken.map(H.csrf) ?? .empty,
                H.el("span", [("class", "field")], H.el("label", [("for", "w-name")], H.text("Name")),
                     HTML.element("input", [("id", "w-name"), ("name", "name"), ("required", "")])),
                H.el("span", [("class", "field")], H.el("label", [("for", "w-entity")], H.text("Entity (id or name)")),
                     HTML.element("input", [("id", "w-entity"), ("name", "entity")])),
                H.el("span", [("class", "field")], H.el("label", [("for", "w-search")], H.text("or a search")),
                     HTML.element("input", [("id", "w-search"), ("name", "search")])),
                H.el("button", [("type", "submit"), ("id", "watch-button")], H.text("Watch"))))
        }
        return layout(title: "Watchlists", identity: identity, refresh: following == nil ? nil : 10, script: following == nil ? nil : "/static/watch.js",
                      content.joined)
    }

    // MARK: Upload

    struct UploadOutcome: Sendable {
        var accepted: [(title: String, id: String?)] = []
        var duplicates: [(title: String, id: String?)] = []
        var problems: [String] = []
    }

    static func upload(identity: Identity, outcome: UploadOutcome?) -> String {
        var content: [HTML] = [H.el("h1", [], H.text("Upload documents"))]
        if let outcome {
            content.append(H.el("section", [("aria-labelledby", "h-outcome"), ("id", "upload-outcome")],
                H.el("h2", [("id", "h-outcome")], H.text("Sent to ingest")),
                H.p("\(outcome.accepted.count) accepted, \(outcome.duplicates.count) duplicate\(outcome.duplicates.count == 1 ? "" : "s"), \(outcome.problems.count) problem\(outcome.problems.count == 1 ? "" : "s").",
                    [("id", "upload-summary")]),
                H.el("ul", [], children: (outcome.accepted.map { ($0, "accepted") } + outcome.duplicates.map { ($0, "duplicate") }).map { item, label in
                    let title = H.text("\(item.title) (\(label))")
                    return H.el("li", [], item.id.map { H.el("a", [("href", Paths.document($0))], title) } ?? title)
                }),
                outcome.problems.isEmpty ? .empty : H.el("ul", [("class", "error")], children: outcome.problems.map { H.el("li", [], H.text($0)) }),
                H.p("Documents appear in search once extracted and indexed (see Status).")))
        }
        let formats = [("", "from the file name")] + InputFormatChoice.all
        content.append(H.el("form", [("method", "post"), ("action", "/upload"), ("enctype", "multipart/form-data"), ("class", "search"), ("id", "upload-form")],
            identity.csrfToken.map(H.csrf) ?? .empty,
            H.el("span", [("class", "field")],
                 H.el("label", [("for", "upload-files")], H.text("Files: JSON Lines, CSV, HTML, RSS/Atom, text or Markdown")),
                 HTML.element("input", [("type", "file"), ("id", "upload-files"), ("name", "files"), ("multiple", ""), ("required", "")])),
            H.el("span", [("class", "field")],
                 H.el("label", [("for", "upload-format")], H.text("Read as")),
                 H.el("select", [("id", "upload-format"), ("name", "format")], children: formats.map { H.el("option", [("value", $0.0)], H.text($0.1)) })),
            H.el("button", [("type", "submit"), ("id", "upload-button")], H.text("Upload"))))
        return layout(title: "Upload", identity: identity, content.joined)
    }

    // MARK: Status

    static func status(identity: Identity, stats: IndexStats?, pipeline: PipelineStatus?, problems: [String]) -> String {
        var content: [HTML] = [H.el("h1", [], H.text("Status"))]
        for problem in problems { content.append(H.p(problem, [("class", "error")])) }
        if let stats {
            let rows: [(String, String)] = [("Documents", String(stats.documents)), ("Entities", String(stats.entities)), ("Mentions", String(stats.mentions)),
                                            ("Aliases", String(stats.aliases)), ("Dates", String(stats.dates)), ("Index size", "\(stats.indexBytes / 1024) KiB")]
                + stats.entitiesByType.sorted { $0.key < $1.key }.map { ("Entities: \($0.key)", String($0.value)) }
            content.append(H.el("section", [("aria-labelledby", "h-index")], H.el("h2", [("id", "h-index")], H.text("Index")), factTable(rows, id: "index-stats")))
        }
        if let pipeline {
            let rows: [(String, String)] = [("Received", String(pipeline.received)), ("Queued", String(pipeline.queued)), ("Leased", String(pipeline.leased)),
                                            ("Indexed", String(pipeline.indexed)), ("Dead letters", String(pipeline.dead)),
                                            ("Indexed per second", String(format: "%.1f", pipeline.indexedPerSecond))]
            content.append(H.el("section", [("aria-labelledby", "h-pipeline")], H.el("h2", [("id", "h-pipeline")], H.text("Pipeline")), factTable(rows, id: "pipeline")))
            content.append(H.el("section", [("aria-labelledby", "h-extractors")],
                H.el("h2", [("id", "h-extractors")], H.text("Extractors")),
                H.el("table", [],
                    H.el("thead", [], H.el("tr", [], children: ["Extractor", "Engine", "In flight", "Completed", "Docs/s", "Last heard"].map {
                        H.el("th", [("scope", "col")], H.text($0))
                    })),
                    H.el("tbody", [], children: pipeline.extractors.map { extractor in
                        H.el("tr", [], children: [extractor.id, extractor.engineVersion ?? "?", String(extractor.inFlight), String(extractor.completed),
                                                  String(format: "%.1f", extractor.documentsPerSecond), String(format: "%.0f s ago", extractor.secondsSinceHeard)]
                            .map { H.el("td", [], H.text($0)) })
                    }))))
        }
        if let pipeline, !pipeline.deadLetters.isEmpty {
            let admin = identity.account.role >= .admin
            content.append(H.el("section", [("aria-labelledby", "h-dead")],
                H.el("h2", [("id", "h-dead")], H.text("Dead letters")),
                H.el("table", [("id", "dead-letters")],
                    H.el("thead", [], H.el("tr", [], children: ["Document", "Attempts", "Last error", admin ? "Retry" : ""].map {
                        H.el("th", [("scope", "col")], H.text($0))
                    })),
                    H.el("tbody", [], children: pipeline.deadLetters.map { item in
                        H.el("tr", [],
                            H.el("td", [], H.el("code", [], H.text(item.id))),
                            H.el("td", [("class", "num")], H.text(String(item.attempts))),
                            H.el("td", [], H.text(item.lastError ?? "")),
                            H.el("td", [], admin ? H.el("form", [("method", "post"), ("action", "/status/retry")],
                                identity.csrfToken.map(H.csrf) ?? .empty,
                                HTML.element("input", [("type", "hidden"), ("name", "id"), ("value", item.id)]),
                                H.el("button", [("type", "submit")], H.text("Retry"))) : .empty))
                    }))))
        }
        return layout(title: "Status", identity: identity, content.joined)
    }

    static func factTable(_ rows: [(String, String)], id: String) -> HTML {
        H.el("table", [("class", "facts"), ("id", id)], H.el("tbody", [], children: rows.map { name, value in
            H.el("tr", [], H.el("th", [("scope", "row")], H.text(name)), H.el("td", [("class", "num")], H.text(value)))
        }))
    }
}

/// The formats the upload form offers.
enum InputFormatChoice {
    static let all: [(String, String)] = [("jsonl", "JSON Lines"), ("csv", "CSV"), ("html", "HTML page"), ("feed", "RSS/Atom feed"), ("text", "text or Markdown")]
}
