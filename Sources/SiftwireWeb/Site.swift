import Foundation
import Hummingbird
import Logging
import SiftwireAccounts
import SiftwireFormats
import SiftwireProtocol

/// The routes and what each does: who may see it, which queries it asks, which page it renders.
struct Site: Sendable {
    let accounts: AccountStore
    let gateway: QueryGateway
    let secureCookies: Bool
    let alerts: AlertFeed?
    let limiter = SignInLimiter()
    let layouts = LayoutCache()
    let documentEntities = DocumentEntities()
    /// `query.contradictions` groups every event claim of the corpus on each call: its replies are kept 30 s.
    let contradictions = ReplyCache<[String?], Contradictions>(lifetime: .seconds(30))
    /// An entity page's timeline and co-mention graph (by the name or id asked), kept 30 s: on a page
    /// that is opened often they were two of its three queries, and the two slowest.
    let timelines = ReplyCache<String, Timeline>(lifetime: .seconds(30), capacity: 2048)
    let graphs = ReplyCache<String, ComentionGraph>(lifetime: .seconds(30), capacity: 2048)
    let logger = Logger(label: "siftwire-web")

    static let sessionCookie = "siftwire_session"
    static let loginCookie = "siftwire_login"

    func addRoutes(to router: Router<WebRequestContext>) {
        router.get("/static/siftwire.css") { _, _ in
            var response = Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
            response.headers[.cacheControl] = "max-age=3600"
            return response
        }
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("/login") { request, _ in loginPage(next: FormData.parse(request.uri.query ?? "")["next"]) }
        router.post("/login") { request, context in try await login(request, context: context) }
        router.post("/logout") { request, context in try await logout(request, context: context) }
        router.get("/") { request, _ in
            await signedIn(request) { identity in
                let stats = try? await gateway.ask(StatsQuery())
                return html(Pages.home(identity: identity, stats: stats))
            }
        }
        router.get("/search") { request, _ in await signedIn(request) { identity in await search(request, identity: identity) } }
        router.get("/entity/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            return await signedIn(request) { identity in await entity(id, request: request, identity: identity) }
        }
        router.post("/entity/:id/merge") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await curate(request, context: context) { identity, form throws(SiftwireError) in
                guard let from = form["from"]?.trimmingCharacters(in: .whitespaces), !from.isEmpty else {
                    throw SiftwireError(.invalidArgument, "name the entity to merge into this one")
                }
                let result = try await gateway.ask(MergeEntities(into: id, from: from, by: identity.account.name, note: nonEmpty(form["note"])))
                return Paths.with(Paths.entity(id), [("done", "merge"), ("moved", String(result.mentionsMoved))])
            }
        }
        router.post("/entity/:id/split") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await curate(request, context: context) { identity, form throws(SiftwireError) in
                guard let alias = nonEmpty(form["alias"]) else { throw SiftwireError(.invalidArgument, "choose the alias to split off") }
                let result = try await gateway.ask(SplitEntity(entity: id, alias: alias, newName: nonEmpty(form["newName"]), by: identity.account.name))
                return Paths.with(Paths.entity(id), [("done", "split"), ("moved", String(result.mentionsMoved))])
            }
        }
        router.post("/entity/:id/distinct") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await curate(request, context: context) { identity, form throws(SiftwireError) in
                guard let other = nonEmpty(form["other"]) else { throw SiftwireError(.invalidArgument, "name the entity this one is not") }
                _ = try await gateway.ask(DistinctEntities(a: id, b: other, by: identity.account.name, note: nonEmpty(form["note"])))
                return Paths.with(Paths.entity(id), [("done", "distinct"), ("moved", "0")])
            }
        }
        router.post("/status/retry") { request, context in
            let form = try await readForm(request, context: context)
            guard let identity = identify(request) else { return notSignedIn("retry dead letters") }
            if let refused = refusal(identity, form, role: .admin, notAllowed: "Only admins may retry dead letters.") { return refused }
            guard let id = nonEmpty(form["id"]) else { return redirect("/status") }
            do throws(SiftwireError) {
                _ = try await gateway.retry([id])
            } catch {
                return failure(error, identity: identity)
            }
            return redirect("/status")
        }
        router.get("/watch") { request, _ in
            await signedIn(request) { identity in
                await answer(identity) { () throws(SiftwireError) in
                    let list = try await gateway.ask(WatchListRequest())
                    return Pages.watch(identity: identity, watches: list.watches, alerts: alerts?.alerts ?? [], following: alerts?.endpoint)
                }
            }
        }
        // Server-Sent Events: each alert as it arrives, for /static/watch.js on the watch page.
        router.get("/watch/events") { request, _ in
            guard identify(request) != nil else {
                return Response(status: .unauthorized, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "sign in\n")))
            }
            guard let alerts else {
                return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "no alert feed\n")))
            }
            let stream = alerts.subscribe()
            var response = Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8"], body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: ": following alerts\n\n"))
                for await event in stream {
                    switch event {
                    case .alert(let alert):
                        let data = String(decoding: JSONCoding.encode(alert), as: UTF8.self)
                        try await writer.write(ByteBuffer(string: "event: alert\ndata: \(data)\n\n"))
                    case .keepAlive:
                        try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    }
                }
                try await writer.finish(nil)
            })
            response.headers[.cacheControl] = "no-store"
            return response
        }
        router.get("/static/watch.js") { _, _ in
            var response = Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: Stylesheet.watchScript)))
            response.headers[.cacheControl] = "max-age=3600"
            return response
        }
        router.post("/watch") { request, context in
            try await curate(request, context: context) { identity, form throws(SiftwireError) in
                guard let name = nonEmpty(form["name"]) else { throw SiftwireError(.invalidArgument, "give the watchlist a name") }
                let entity = nonEmpty(form["entity"]), search = nonEmpty(form["search"])
                _ = try await gateway.ask(WatchAdd(name: name, entity: entity, search: search))
                return "/watch"
            }
        }
        router.post("/watch/remove") { request, context in
            try await curate(request, context: context) { identity, form throws(SiftwireError) in
                guard let name = nonEmpty(form["name"]) else { throw SiftwireError(.invalidArgument, "name the watchlist to remove") }
                _ = try await gateway.ask(WatchRemove(name: name))
                return "/watch"
            }
        }
        router.get("/admin/users") { request, _ in
            await signedIn(request) { identity in
                guard identity.account.role >= .admin else {
                    return html(Pages.message(title: "Not allowed", identity: identity, text: "Only admins manage accounts."), status: .forbidden)
                }
                let removed = FormData.parse(request.uri.query ?? "")["removed"]
                return html(Pages.users(identity: identity, accounts: (try? accounts.accounts()) ?? [], added: nil, removed: removed, problem: nil))
            }
        }
        router.post("/admin/users/remove") { request, context in
            let form = try await readForm(request, context: context)
            guard let identity = identify(request) else { return notSignedIn("manage accounts") }
            if let refused = refusal(identity, form, role: .admin, notAllowed: "Only admins manage accounts.") { return refused }
            let name = form["name"]?.trimmingCharacters(in: .whitespaces) ?? ""
            do throws(AccountError) {
                try accounts.removeUser(name: name, by: identity.account)
            } catch {
                logger.notice("account not removed", metadata: ["account": "\(name)", "by": "\(identity.account.name)", "reason": "\(error.reason)"])
                return html(Pages.users(identity: identity, accounts: (try? accounts.accounts()) ?? [], added: nil, problem: error.description),
                            status: error.reason == .storage ? .internalServerError : .badRequest)
            }
            logger.notice("account removed", metadata: ["account": "\(name)", "by": "\(identity.account.name)"])
            return redirect(Paths.with("/admin/users", [("removed", name)]))
        }
        router.post("/admin/users") { request, context in
            let form = try await readForm(request, context: context)
            guard let identity = identify(request) else { return notSignedIn("manage accounts") }
            if let refused = refusal(identity, form, role: .admin, notAllowed: "Only admins manage accounts.") { return refused }
            let name = form["name"]?.trimmingCharacters(in: .whitespaces) ?? ""
            let role = Role(rawValue: form["role"] ?? "") ?? .viewer
            let password = form["password"] ?? ""
            let store = accounts
            let result: Result<String, AccountError> = await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    do throws(AccountError) {
                        continuation.resume(returning: .success(try store.addUser(name: name, role: role, password: password)))
                    } catch {
                        continuation.resume(returning: .failure(error))
                    }
                }
            }
            let list = (try? accounts.accounts()) ?? []
            switch result {
            case .success(let token):
                return html(Pages.users(identity: identity, accounts: list, added: (name, role, token), problem: nil))
            case .failure(let error):
                return html(Pages.users(identity: identity, accounts: list, added: nil, problem: error.description), status: .badRequest)
            }
        }
        router.get("/upload") { request, _ in
            await signedIn(request) { identity in
                guard identity.account.role >= .curator else {
                    return html(Pages.message(title: "Not allowed", identity: identity, text: "Only curators and admins may upload documents."), status: .forbidden)
                }
                return html(Pages.upload(identity: identity, outcome: nil))
            }
        }
        router.post("/upload") { request, _ in try await upload(request) }
        router.get("/doc/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            return await signedIn(request) { identity in
                // The text and its claims are asked together; the page is still shown when the claims fail.
                async let claims = try? gateway.ask(ClaimsQuery(limit: ClaimsQuery.limitCap, document: id))
                let view: DocumentView
                do throws(SiftwireError) {
                    view = try await gateway.ask(DocumentQuery(id: id))
                } catch {
                    return failure(error, identity: identity)
                }
                return html(Pages.document(identity: identity, view: view, claims: await claims))
            }
        }
        router.get("/claims") { request, _ in
            await signedIn(request) { identity in
                let query = FormData.parse(request.uri.query ?? "")
                let entity = nonEmpty(query["entity"]), event = nonEmpty(query["event"])
                let offset = max(0, Int(query["offset"] ?? "") ?? 0)
                return await answer(identity) { () throws(SiftwireError) in
                    let list = try await gateway.ask(ClaimsQuery(entity: entity, eventType: event, limit: 50, offset: offset))
                    return Pages.claims(identity: identity, entity: entity, eventType: event, list: list)
                }
            }
        }
        router.get("/contradictions") { request, _ in
            await signedIn(request) { identity in
                let query = FormData.parse(request.uri.query ?? "")
                let entity = nonEmpty(query["entity"]), event = nonEmpty(query["event"])
                return await answer(identity) { () throws(SiftwireError) in
                    let reply = try await contradictions.value(for: [entity, event]) { [gateway] () throws(SiftwireError) in
                        try await gateway.ask(ContradictionsQuery(entity: entity, eventType: event, limit: 20))
                    }
                    return Pages.contradictions(identity: identity, entity: entity, reply: reply)
                }
            }
        }
        router.get("/status") { request, _ in
            await signedIn(request) { identity in
                var problems: [String] = []
                var stats: IndexStats?
                var pipeline: PipelineStatus?
                do { stats = try await gateway.ask(StatsQuery()) } catch { problems.append("query service: \(error)") }
                do { pipeline = try await gateway.pipelineStatus() } catch { problems.append("ingest service: \(error)") }
                return html(Pages.status(identity: identity, stats: stats, pipeline: pipeline, problems: problems))
            }
        }
    }

    // MARK: Pages that ask the query service

    /// Hits per search page.
    static let pageSize = 20

    func search(_ request: Request, identity: Identity) async -> Response {
        let query = FormData.parse(request.uri.query ?? "")
        var filters = Pages.SearchFilters()
        filters.text = query["q"]?.trimmingCharacters(in: .whitespaces) ?? ""
        filters.source = nonEmpty(query["source"])
        filters.from = nonEmpty(query["from"])
        filters.to = nonEmpty(query["to"])
        filters.type = nonEmpty(query["type"])
        filters.entity = nonEmpty(query["entity"])
        filters.offset = max(0, Int(query["offset"] ?? "") ?? 0)
        // With no words but an entity filter (the entity page's "all documents" link): the entity's
        // documents from its profile, since FTS5 has no match-everything query.
        guard !filters.text.isEmpty else {
            if let entity = filters.entity {
                return await answer(identity) { () throws(SiftwireError) in
                    let profile = try await gateway.ask(EntityQuery(name: entity, documentLimit: 200, fuzzy: false))
                    filters.text = profile.name
                    let results = SearchResults(total: profile.documents.count, hits: profile.documents.map {
                        .init(id: $0.id, title: $0.title, date: $0.date, source: $0.metadata?.source, snippet: "\($0.mentions) mention\($0.mentions == 1 ? "" : "s") of \(profile.name)", rank: 0)
                    }, limitCap: 200)
                    return Pages.search(identity: identity, filters: filters, results: results, facets: await facets(ranked: results.hits, page: results.hits))
                }
            }
            return html(Pages.search(identity: identity, filters: filters, results: nil))
        }
        let frozen = filters
        return await answer(identity) { () throws(SiftwireError) in
            func searchQuery(limit: Int, offset: Int) -> SearchQuery {
                SearchQuery(text: frozen.text, limit: limit, offset: offset, entity: frozen.entity, entityType: frozen.type,
                            dateFrom: frozen.from, dateTo: frozen.to, source: frozen.source)
            }
            try searchQuery(limit: 1, offset: 0).validateFilters()
            // The first page comes out of the facets' ranked window; a later page is a second search.
            let window = try await gateway.ask(searchQuery(limit: SearchFacets.rankedWindowSize, offset: 0))
            var page = window
            if frozen.offset == 0 {
                page.hits = Array(window.hits.prefix(Self.pageSize))
            } else {
                page = try await gateway.ask(searchQuery(limit: Self.pageSize, offset: frozen.offset))
            }
            return Pages.search(identity: identity, filters: frozen, results: page, facets: await facets(ranked: window.hits, page: page.hits))
        }
    }

    /// Facets of a search: outlets and dates over the ranked window, entities and types over the page shown.
    func facets(ranked: [SearchResults.Hit], page: [SearchResults.Hit]) async -> SearchFacets {
        let shown = Array(page.prefix(Self.pageSize))
        let documents = await documentEntities.entities(of: shown.map(\.id), gateway: gateway)
        var facets = SearchFacets()
        (facets.sources, facets.dates) = SearchFacets.rankedFacets(ranked)
        (facets.entities, facets.types) = SearchFacets.entityFacets(documents)
        facets.rankedWindow = ranked.count
        facets.entityWindow = shown.count
        return facets
    }

    func entity(_ id: String, request: Request, identity: Identity) async -> Response {
        let query = FormData.parse(request.uri.query ?? "")
        // The three questions go out together, by the name in the URL; timeline and graph are asked
        // again by the entity's id only when the name resolved elsewhere (a fuzzy match).
        let started = ContinuousClock.now
        async let timelineByName = try? timeline(of: id)
        async let graphByName = try? comentions(of: id)
        let profile: EntityProfile
        do {
            profile = try await gateway.ask(EntityQuery(name: id, documentLimit: 20))
        } catch {
            return failure(error, identity: identity)
        }
        // A name, an alias or an id merged away: the entity's own address, so links can be shared.
        if profile.id != id && profile.match != "fuzzy" {
            return redirect(Paths.with(Paths.entity(profile.id), [("done", query["done"]), ("moved", query["moved"])]))
        }
        var (timelineReply, graphReply) = await (timelineByName, graphByName)
        if timelineReply?.series.first?.entityID != profile.id {
            timelineReply = try? await timeline(of: profile.id)
        }
        if graphReply?.center != profile.id {
            graphReply = try? await comentions(of: profile.id)
        }
        var notice: String?
        if let moved = query["moved"].flatMap({ Int($0) }) {
            switch query["done"] {
            case "merge": notice = "Merge recorded: \(moved) mention\(moved == 1 ? "" : "s") moved into this entity."
            case "split": notice = "Split recorded: \(moved) mention\(moved == 1 ? "" : "s") moved to a new entity."
            case "distinct": notice = "Recorded: these entities are distinct; a later merge of them is refused."
            default: break
            }
        }
        let asked = ContinuousClock.now
        let page = Pages.entity(identity: identity, profile: profile, timeline: timelineReply, graph: graphReply, notice: notice, layouts: layouts)
        logger.debug("entity page \(profile.id): timeline and graph \(asked - started), rendered in \(ContinuousClock.now - asked)")
        return html(page)
    }

    /// An entity's documents per month (kept 30 s: it changes only as documents are indexed).
    func timeline(of name: String) async throws(SiftwireError) -> Timeline {
        try await timelines.value(for: name) { [gateway] () throws(SiftwireError) in
            try await gateway.ask(TimelineQuery(names: [name], bucket: "month", documentLimit: 1))
        }
    }

    /// An entity's co-mention graph (kept 30 s, like its timeline).
    func comentions(of name: String) async throws(SiftwireError) -> ComentionGraph {
        try await graphs.value(for: name) { [gateway] () throws(SiftwireError) in
            try await gateway.ask(ComentionsQuery(name: name, depth: 1, minWeight: 1, limit: 30))
        }
    }

    /// Most bytes one upload may carry.
    static let maxUploadBytes = 8 << 20

    /// POST /upload: files (multipart), each read as its format (chosen, or told from its name),
    /// sent to ingest in batches; the page lists what was accepted.
    func upload(_ request: Request) async throws -> Response {
        guard let identity = identify(request) else { return notSignedIn("upload") }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maxUploadBytes)
        } catch {
            return html(Pages.message(title: "Too large", identity: identity, text: "An upload is at most \(Self.maxUploadBytes >> 20) MiB."),
                        status: .contentTooLarge)
        }
        guard let boundary = request.headers[.contentType].flatMap(Multipart.boundary(contentType:)) else {
            return html(Pages.message(title: "Not a valid request", identity: identity, text: "Send the upload form (multipart/form-data)."), status: .badRequest)
        }
        let parts = Multipart.parse(Array(buffer.readableBytesView), boundary: boundary)
        let fields = Dictionary(parts.filter { $0.filename == nil }.map { ($0.name, $0.text) }, uniquingKeysWith: { _, last in last })
        if let refused = refusal(identity, fields, role: .curator, notAllowed: "Only curators and admins may upload documents.") { return refused }
        let chosen = nonEmpty(fields["format"]).flatMap(InputFormat.init(name:))
        var outcome = Pages.UploadOutcome()
        var documents: [(name: String, document: NewDocument)] = []
        for part in parts where part.name == "files" && !(part.filename ?? "").isEmpty && !part.data.isEmpty {
            let filename = part.filename ?? "upload"
            let format = chosen ?? InputFormat.detect(path: filename) ?? .text
            do {
                for (index, record) in try InputReader.records(text: part.text, format: format).enumerated() {
                    switch record.result {
                    case .success(let record):
                        var document = NewDocument(text: record.text, title: record.title, source: record.source, id: record.id, url: record.url,
                                                   published: record.published, language: record.language, author: record.author,
                                                   tags: record.tags.isEmpty ? nil : record.tags)
                        if document.source == nil { document.source = "upload/" + filename }
                        documents.append(("\(filename) #\(index + 1)", document))
                    case .failure(let error):
                        outcome.problems.append("\(filename) line \(record.line): \(error.description)")
                    }
                }
            } catch {
                outcome.problems.append("\(filename): \(error.description)")
            }
        }
        if documents.isEmpty && outcome.problems.isEmpty { outcome.problems.append("Choose at least one file.") }
        do {
            for batch in stride(from: 0, to: documents.count, by: 100).map({ Array(documents[$0..<min($0 + 100, documents.count)]) }) {
                let reply = try await gateway.submit(batch.map(\.document))
                for (item, result) in zip(batch, reply.results) {
                    switch result.outcome {
                    case .accepted: outcome.accepted.append((item.document.title ?? item.name, result.id))
                    case .duplicate: outcome.duplicates.append((item.document.title ?? item.name, result.id))
                    case .rejected: outcome.problems.append("\(item.name): rejected: \(result.reason ?? "no reason given")")
                    }
                }
            }
        } catch {
            return failure(error, identity: identity)
        }
        return html(Pages.upload(identity: identity, outcome: outcome))
    }

    // MARK: Sign-in, sessions, tokens

    /// The caller's identity: an `Authorization: Bearer` API token, or a session cookie.
    func identify(_ request: Request) -> Identity? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                  let account = try? accounts.account(apiToken: String(parts[1]).trimmingCharacters(in: .whitespaces)) else { return nil }
            return Identity(account: account, csrfToken: nil)
        }
        guard let token = request.cookies[Self.sessionCookie]?.value, let session = try? accounts.session(token: token) else { return nil }
        return Identity(account: session.account, csrfToken: session.csrfToken)
    }

    /// Runs `body` for a signed-in caller; anyone else goes to the sign-in page (or gets 401 with a bad token).
    func signedIn(_ request: Request, _ body: (Identity) async -> Response) async -> Response {
        if let identity = identify(request) { return await body(identity) }
        if request.headers[.authorization] != nil {
            return html(Pages.message(title: "Not signed in", identity: nil, text: "The API token is not valid."), status: .unauthorized)
        }
        let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        return redirect(Paths.with("/login", [("next", next)]))
    }

    func loginPage(next: String?, message: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let next = safeNext(next)
        let csrf = SecureRandom.token()
        var response = html(Pages.login(next: next, csrf: csrf, message: message), status: status)
        response.setCookie(Cookie(name: Self.loginCookie, value: csrf, path: "/login", secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    func login(_ request: Request, context: WebRequestContext) async throws -> Response {
        let form = try await readForm(request, context: context)
        let name = form["name"] ?? "", password = form["password"] ?? ""
        let next = safeNext(form["next"])
        guard let expected = request.cookies[Self.loginCookie]?.value, let given = form["csrf"], ConstantTime.equal(expected, given) else {
            return html(Pages.message(title: "Sign-in refused", identity: nil, text: "The form has expired; open the sign-in page again."), status: .forbidden)
        }
        let address = context.remoteAddress?.ipAddress ?? "unknown"
        guard await limiter.allows(address: address, name: name) else {
            var response = html(Pages.message(title: "Too many attempts", identity: nil, text: "Too many failed sign-ins; wait a few minutes."),
                                status: .tooManyRequests)
            response.headers[.retryAfter] = "300"
            return response
        }
        // scrypt takes tens of milliseconds on purpose: checked on a Dispatch thread, not a cooperative one.
        let store = accounts
        let checked: Account? = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: try? store.authenticate(name: name, password: password)) }
        }
        guard let account = checked else {
            await limiter.recordFailure(address: address, name: name)
            return loginPage(next: next, message: "Wrong user name or password.", status: .unauthorized)
        }
        let started = try accounts.startSession(for: account)
        var response = redirect(next)
        response.setCookie(Cookie(name: Self.sessionCookie, value: started.token, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict))
        response.setCookie(Cookie(name: Self.loginCookie, value: "", maxAge: 0, path: "/login", secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    func logout(_ request: Request, context: WebRequestContext) async throws -> Response {
        let form = try await readForm(request, context: context)
        guard let identity = identify(request), checkCSRF(identity, form) else { return redirect("/login") }
        if let token = request.cookies[Self.sessionCookie]?.value { try accounts.endSession(token: token) }
        var response = redirect("/login")
        response.setCookie(Cookie(name: Self.sessionCookie, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// A curation POST: signed in, CSRF token checked, curator or admin; `body` returns where to go next.
    func curate(_ request: Request, context: WebRequestContext,
                _ body: (Identity, [String: String]) async throws(SiftwireError) -> String) async throws -> Response {
        let form = try await readForm(request, context: context)
        guard let identity = identify(request) else { return notSignedIn("curate") }
        if let refused = refusal(identity, form, role: .curator, notAllowed: "Only curators and admins may merge or split entities or change watchlists.") { return refused }
        do {
            let next = try await body(identity, form)
            // a merge or split changes the entities documents mention, and the contradictions
            await documentEntities.forgetAll()
            await contradictions.removeAll()
            await timelines.removeAll()
            await graphs.removeAll()
            return redirect(next)
        } catch {
            return failure(error, identity: identity)
        }
    }

    /// The page for a form posted without a session.
    func notSignedIn(_ what: String) -> Response {
        html(Pages.message(title: "Not signed in", identity: nil, text: "Sign in to \(what)."), status: .unauthorized)
    }

    /// The page refusing a signed-in account's form: no valid CSRF token, or a role below `role`; nil when allowed.
    func refusal(_ identity: Identity, _ form: [String: String], role: Role, notAllowed: String) -> Response? {
        guard checkCSRF(identity, form) else {
            return html(Pages.message(title: "Refused", identity: identity, text: "The form's CSRF token is missing or wrong; reload the page."), status: .forbidden)
        }
        guard identity.account.role >= role else { return html(Pages.message(title: "Not allowed", identity: identity, text: notAllowed), status: .forbidden) }
        return nil
    }

    func checkCSRF(_ identity: Identity, _ form: [String: String]) -> Bool {
        guard let expected = identity.csrfToken else { return true }
        guard let given = form["csrf"] else { return false }
        return ConstantTime.equal(expected, given)
    }

    // MARK: Responses

    func answer(_ identity: Identity, _ body: () async throws(SiftwireError) -> String) async -> Response {
        do {
            return html(try await body())
        } catch {
            return failure(error, identity: identity)
        }
    }

    func failure(_ error: SiftwireError, identity: Identity?) -> Response {
        let (status, title): (HTTPResponse.Status, String) = switch error.code {
        case .notFound: (.notFound, "Not found")
        case .invalidArgument, .invalidQuery, .tooLarge: (.badRequest, "Not a valid request")
        case .unavailable, .timeLimit, .busy: (.serviceUnavailable, "Service unavailable")
        default: (.badGateway, "Query failed")
        }
        return html(Pages.message(title: title, identity: identity, text: error.message), status: status)
    }
}

func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
}

func redirect(_ location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
}

func nonEmpty(_ value: String?) -> String? {
    guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
    return value
}

/// Where to go after sign-in: a path on this site only (no `//host`, no scheme).
func safeNext(_ next: String?) -> String {
    guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.contains(where: \.isNewline) else { return "/" }
    return next
}

func readForm(_ request: Request, context: WebRequestContext) async throws -> [String: String] {
    let buffer = try await request.body.collect(upTo: context.maxUploadSize)
    return FormData.parse(String(buffer: buffer))
}
