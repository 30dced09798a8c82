import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SiftwireAccounts
import Testing
@testable import SiftwireWeb

/// The HTTP server on a real socket, with no query service behind it (an unused loopback port):
/// sign-in, sessions, tokens, CSRF, roles, headers and the rate limit are all decided before any query.
@Suite("Web server: sign-in, roles, CSRF, headers")
struct WebServerTests {
    struct Fixture {
        let store: AccountStore
        let viewerToken: String
        let curatorToken: String
        let adminToken: String
    }

    static func fixture() throws -> Fixture {
        let store = try AccountStore(path: nil, hasher: PasswordHasher(rounds: 1 << 10))
        let viewer = try store.addUser(name: "vera", role: .viewer, password: "viewer-pass")
        let curator = try store.addUser(name: "cora", role: .curator, password: "curator-pass")
        let admin = try store.addUser(name: "ada", role: .admin, password: "admin-pass")
        return Fixture(store: store, viewerToken: viewer, curatorToken: curator, adminToken: admin)
    }

    static func app(_ fixture: Fixture) async throws -> some ApplicationProtocol {
        try await buildApplication(WebConfiguration(host: "127.0.0.1", port: 0, queryEndpoint: "tcp://127.0.0.1:9", ingestEndpoint: "tcp://127.0.0.1:9",
                                                    queryTimeout: .seconds(2)), accounts: fixture.store)
    }

    static func body(_ response: TestResponse) -> String { String(buffer: response.body) }

    /// `name=value` of each Set-Cookie.
    static func cookies(_ response: TestResponse) -> [String: String] {
        var found: [String: String] = [:]
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            found[String(pair[0])] = pair.count > 1 ? String(pair[1]) : ""
        }
        return found
    }

    static func csrf(in page: String) -> String? {
        guard let range = page.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Signs in through the form; returns the session cookie and the page's CSRF token.
    static func signIn(_ client: some TestClientProtocol, name: String, password: String) async throws -> (cookie: String, response: TestResponse) {
        let page = try await client.execute(uri: "/login", method: .get)
        let loginCookie = try #require(cookies(page)[Site.loginCookie])
        let csrf = try #require(Self.csrf(in: body(page)))
        let form = "name=\(name)&password=\(password)&csrf=\(csrf)&next=%2Fstatus"
        let response = try await client.execute(uri: "/login", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(Site.loginCookie)=\(loginCookie)"], body: ByteBuffer(string: form))
        return (cookies(response)[Site.sessionCookie].map { "\(Site.sessionCookie)=\($0)" } ?? "", response)
    }

    @Test func pagesNeedSignInAndCarrySecurityHeaders() async throws {
        let fixture = try Self.fixture()
        try await Self.app(fixture).test(.live) { client in
            let response = try await client.execute(uri: "/search?q=Idleb", method: .get)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/login?next=%2Fsearch%3Fq%3DIdleb")
            let csp = try #require(response.headers[.contentSecurityPolicy])
            #expect(csp.contains("default-src 'none'") && csp.contains("style-src 'self'") && csp.contains("script-src 'self';") && !csp.contains("unsafe-"))
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[.xFrameOptions] == "DENY")
            let css = try await client.execute(uri: "/static/siftwire.css", method: .get)
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
        }
    }

    @Test func signInSetsAnHttpOnlySameSiteSessionCookie() async throws {
        let fixture = try Self.fixture()
        try await Self.app(fixture).test(.live) { client in
            let (cookie, response) = try await Self.signIn(client, name: "vera", password: "viewer-pass")
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/status")
            let setCookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix(Site.sessionCookie + "=") })
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            // Signed in, a page renders (the query service being away is reported on it, not a sign-in).
            let status = try await client.execute(uri: "/status", method: .get, headers: [.cookie: cookie])
            #expect(status.status == .ok)
            #expect(Self.body(status).contains("vera (viewer)"))
            #expect(Self.body(status).contains("query service: unavailable"))
            // Where the time went: the stats request (failed, but timed) and the total.
            let timing = try #require(status.headers[ServerTimingMiddleware<WebRequestContext>.header])
            #expect(timing.hasPrefix("query.stats;dur=") && timing.contains(";desc=\"1\", total;dur="))
        }
    }

    @Test func wrongPasswordsAreRateLimited() async throws {
        let fixture = try Self.fixture()
        try await Self.app(fixture).test(.live) { client in
            for _ in 0..<5 {
                let status = try await Self.signIn(client, name: "vera", password: "nope-nope").response.status
                #expect(status == .unauthorized)
            }
            // The right password is refused too while the limit holds.
            let limited = try await Self.signIn(client, name: "vera", password: "viewer-pass").response.status
            #expect(limited == .tooManyRequests)
        }
    }

    @Test func loginWithoutItsFormTokenIsRefused() async throws {
        let fixture = try Self.fixture()
        try await Self.app(fixture).test(.live) { client in
            let response = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                    body: ByteBuffer(string: "name=vera&password=viewer-pass"))
            #expect(response.status == .forbidden)
            #expect(Self.cookies(response)[Site.sessionCookie] == nil)
        }
    }

    @Test func viewersMayNotMergeAndFormsNeedTheirCSRFToken() async throws {
        let fixture = try Self.fixture()
        try await Self.app(fixture).test(.live) { client in
            let viewer = try await Self.signIn(client, name: "vera", password: "viewer-pass").cookie
            let curator = try await Self.signIn(client, name: "cora", password: "curator-pass").cookie
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            // A viewer's session with a valid CSRF token: refused by role.
            let viewerPage = try await client.execute(uri: "/status", method: .get, headers: form + [.cookie: viewer])
            let viewerCSRF = try #require(Self.csrf(in: Self.body(viewerPage)))
            let refused = try await client.execute(uri: "/entity/org:hts/merge", method: .post, headers: form + [.cookie: viewer],
                                                   body: ByteBuffer(string: "from=org:x&csrf=\(viewerCSRF)"))
            #expect(refused.status == .forbidden)
            #expect(Self.body(refused).contains("Only curators"))
            // A curator without the token (a forged cross-site form): refused.
            let forged = try await client.execute(uri: "/entity/org:hts/merge", method: .post, headers: form + [.cookie: curator],
                                                  body: ByteBuffer(string: "from=org:x"))
            #expect(forged.status == .forbidden)
            #expect(Self.body(forged).contains("CSRF"))
            // A viewer's API token: refused by role; a curator's: allowed through to the (absent) query service.
            let token = try await client.execute(uri: "/entity/org:hts/merge", method: .post,
                                                 headers: form + [.authorization: "Bearer \(fixture.viewerToken)"], body: ByteBuffer(string: "from=org:x"))
            #expect(token.status == .forbidden)
            let curatorToken = try await client.execute(uri: "/entity/org:hts/merge", method: .post,
                                                        headers: form + [.authorization: "Bearer \(fixture.curatorToken)"], body: ByteBuffer(string: "from=org:x"))
            #expect(curatorToken.status == .serviceUnavailable)
        }
    }

    @Test func onlyAdminsRetryDeadLettersAndOnlyCuratorsUploadOrMarkDistinct() async throws {
        let fixture = try Self.fixture()
        try await Self.app(fixture).test(.live) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            func post(_ uri: String, _ token: String, _ body: String = "id=d1&other=org:x") async throws -> HTTPResponse.Status {
                try await client.execute(uri: uri, method: .post, headers: form + [.authorization: "Bearer \(token)"], body: ByteBuffer(string: body)).status
            }
            #expect(try await post("/status/retry", fixture.curatorToken) == .forbidden)
            #expect(try await post("/status/retry", fixture.adminToken) == .serviceUnavailable)
            #expect(try await post("/entity/org:hts/distinct", fixture.viewerToken) == .forbidden)
            #expect(try await post("/entity/org:hts/distinct", fixture.curatorToken) == .serviceUnavailable)
            let multipart: HTTPFields = [.contentType: "multipart/form-data; boundary=B"]
            let upload = "--B\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\nSome text about Idlib.\r\n--B--\r\n"
            let viewer = try await client.execute(uri: "/upload", method: .post, headers: multipart + [.authorization: "Bearer \(fixture.viewerToken)"],
                                                  body: ByteBuffer(string: upload))
            #expect(viewer.status == .forbidden)
            let curator = try await client.execute(uri: "/upload", method: .post, headers: multipart + [.authorization: "Bearer \(fixture.curatorToken)"],
                                                   body: ByteBuffer(string: upload))
            #expect(curator.status == .serviceUnavailable)
        }
    }

    @Test func onlyAdminsAddAccounts() async throws {
        let fixture = try Self.fixture()
        try await Self.app(fixture).test(.live) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let body = ByteBuffer(string: "name=newbie&role=curator&password=long-enough")
            let curator = try await client.execute(uri: "/admin/users", method: .post, headers: form + [.authorization: "Bearer \(fixture.curatorToken)"], body: body)
            #expect(curator.status == .forbidden)
            let admin = try await client.execute(uri: "/admin/users", method: .post, headers: form + [.authorization: "Bearer \(fixture.adminToken)"], body: body)
            #expect(admin.status == .ok)
            let page = Self.body(admin)
            let token = try #require(page.range(of: "<code id=\"new-token\">").map { String(page[$0.upperBound...].prefix { $0 != "<" }) })
            #expect(try fixture.store.account(apiToken: token)?.role == .curator)
            let again = try await client.execute(uri: "/admin/users", method: .post, headers: form + [.authorization: "Bearer \(fixture.adminToken)"], body: body)
            #expect(again.status == .badRequest)
            #expect(Self.body(again).contains("already a user named newbie"))
        }
    }

    @Test func onlyAdminsRemoveAccountsWithTheirFormToken() async throws {
        let fixture = try Self.fixture()
        try await Self.app(fixture).test(.live) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            func remove(_ name: String, _ headers: HTTPFields) async throws -> TestResponse {
                try await client.execute(uri: "/admin/users/remove", method: .post, headers: form + headers, body: ByteBuffer(string: "name=\(name)"))
            }
            #expect(try await remove("vera", [.authorization: "Bearer \(fixture.curatorToken)"]).status == .forbidden)
            // An admin's session without the form's CSRF token (a forged cross-site form): refused.
            let admin = try await Self.signIn(client, name: "ada", password: "admin-pass").cookie
            let forged = try await remove("vera", [.cookie: admin])
            #expect(forged.status == .forbidden && Self.body(forged).contains("CSRF"))
            let page = try await client.execute(uri: "/admin/users", method: .get, headers: [.cookie: admin])
            #expect(Self.body(page).contains("<tr data-user=\"ada\"><td>ada</td><td>admin</td><td>(you)</td></tr>"))
            let csrf = try #require(Self.csrf(in: Self.body(page)))
            let own = try await client.execute(uri: "/admin/users/remove", method: .post, headers: form + [.cookie: admin],
                                               body: ByteBuffer(string: "name=ada&csrf=\(csrf)"))
            #expect(own.status == .badRequest && Self.body(own).contains("cannot remove your own account"))
            let removed = try await client.execute(uri: "/admin/users/remove", method: .post, headers: form + [.cookie: admin],
                                                   body: ByteBuffer(string: "name=vera&csrf=\(csrf)"))
            #expect(removed.status == .seeOther && removed.headers[.location] == "/admin/users?removed=vera")
            #expect(try fixture.store.accounts().map(\.name) == ["ada", "cora"])
            let gone = try await client.execute(uri: "/status", method: .get, headers: [.authorization: "Bearer \(fixture.viewerToken)"])
            #expect(gone.status == .unauthorized)
            let after = try await client.execute(uri: "/admin/users?removed=vera", method: .get, headers: [.cookie: admin])
            #expect(Self.body(after).contains("Removed vera"))
        }
    }

    @Test func bearerTokensAreCheckedAndSignOutEndsTheSession() async throws {
        let fixture = try Self.fixture()
        try await Self.app(fixture).test(.live) { client in
            let bad = try await client.execute(uri: "/status", method: .get, headers: [.authorization: "Bearer nope"])
            #expect(bad.status == .unauthorized)
            let good = try await client.execute(uri: "/status", method: .get, headers: [.authorization: "Bearer \(fixture.viewerToken)"])
            #expect(good.status == .ok)
            let cookie = try await Self.signIn(client, name: "vera", password: "viewer-pass").cookie
            let page = try await client.execute(uri: "/status", method: .get, headers: [.cookie: cookie])
            let csrf = try #require(Self.csrf(in: Self.body(page)))
            let out = try await client.execute(uri: "/logout", method: .post,
                                               headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "csrf=\(csrf)"))
            #expect(out.status == .seeOther)
            let after = try await client.execute(uri: "/status", method: .get, headers: [.cookie: cookie])
            #expect(after.status == .seeOther)
        }
    }
}

extension HTTPFields {
    static func + (lhs: HTTPFields, rhs: HTTPFields) -> HTTPFields {
        var out = lhs
        out.append(contentsOf: rhs)
        return out
    }
}
