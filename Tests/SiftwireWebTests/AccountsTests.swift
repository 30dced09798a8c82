import Foundation
import SiftwireAccounts
import Testing

@Suite("Accounts store")
struct AccountsTests {
    /// Cheap scrypt parameters for tests (the default costs tens of milliseconds per check).
    static let hasher = PasswordHasher(rounds: 1 << 10)

    @Test func passwordsAreSaltedAndVerified() throws {
        let hasher = Self.hasher
        let a = try hasher.hash("correct horse"), b = try hasher.hash("correct horse")
        #expect(a != b, "each hash has its own salt")
        #expect(a.hasPrefix("scrypt$1024$8$1$"))
        #expect(hasher.verify("correct horse", against: a))
        #expect(!hasher.verify("correct horsE", against: a))
        #expect(!hasher.verify("correct horse", against: "scrypt$garbage"))
    }

    @Test func usersSignInWithPasswordOrToken() throws {
        let store = try AccountStore(path: nil, hasher: Self.hasher)
        let token = try store.addUser(name: "cura", role: .curator, password: "s3cret-pass")
        #expect(token.count == 43)
        #expect(try store.authenticate(name: "cura", password: "s3cret-pass")?.role == .curator)
        #expect(try store.authenticate(name: "cura", password: "wrong-pass") == nil)
        #expect(try store.authenticate(name: "nobody", password: "s3cret-pass") == nil)
        #expect(try store.account(apiToken: token)?.name == "cura")
        #expect(try store.account(apiToken: token + "x") == nil)
        #expect(throws: AccountError.self) { try store.addUser(name: "cura", role: .viewer, password: "another-pass") }
        #expect(throws: AccountError.self) { try store.addUser(name: "short", role: .viewer, password: "1234") }
        #expect(throws: AccountError.self) { try store.addUser(name: "bad name", role: .viewer, password: "12345678") }
    }

    @Test func sessionsCarryACSRFTokenAndEnd() throws {
        let store = try AccountStore(path: nil, hasher: Self.hasher)
        _ = try store.addUser(name: "view", role: .viewer, password: "viewer-pass")
        let account = try #require(try store.authenticate(name: "view", password: "viewer-pass"))
        let started = try store.startSession(for: account)
        let found = try #require(try store.session(token: started.token))
        #expect(found.account == account)
        #expect(found.csrfToken == started.session.csrfToken)
        #expect(found.csrfToken != started.token)
        try store.endSession(token: started.token)
        #expect(try store.session(token: started.token) == nil)
    }

    @Test func expiredSessionsAreNotLive() throws {
        let store = try AccountStore(path: nil, hasher: Self.hasher, sessionLifetime: -1)
        _ = try store.addUser(name: "view", role: .viewer, password: "viewer-pass")
        let account = try #require(try store.authenticate(name: "view", password: "viewer-pass"))
        #expect(try store.session(token: store.startSession(for: account).token) == nil)
    }

    @Test func removingAnAccountEndsItsTokenAndSessionsButNeverYoursOrTheLastAdmin() throws {
        let store = try AccountStore(path: nil, hasher: Self.hasher)
        _ = try store.addUser(name: "boss", role: .admin, password: "admin-pass")
        let viewerToken = try store.addUser(name: "view", role: .viewer, password: "viewer-pass")
        let boss = try #require(try store.authenticate(name: "boss", password: "admin-pass"))
        let viewer = try #require(try store.authenticate(name: "view", password: "viewer-pass"))
        let session = try store.startSession(for: viewer).token
        #expect(throws: AccountError(.ownAccount, "you cannot remove your own account (boss)")) { try store.removeUser(name: "boss", by: boss) }
        #expect(throws: AccountError(.noSuchUser, "there is no user named ghost")) { try store.removeUser(name: "ghost", by: boss) }
        // Someone else asking (the CLI, say) may still not remove the only admin.
        #expect(throws: AccountError(.lastAdmin, "boss is the last admin; make another admin first")) { try store.removeUser(name: "boss", by: viewer) }
        try store.removeUser(name: "view", by: boss)
        #expect(try store.accounts().map(\.name) == ["boss"])
        #expect(try store.account(apiToken: viewerToken) == nil)
        #expect(try store.session(token: session) == nil)
        #expect(try store.authenticate(name: "view", password: "viewer-pass") == nil)
        // With a second admin, the first may go.
        _ = try store.addUser(name: "boss2", role: .admin, password: "admin-pass")
        let boss2 = try #require(try store.authenticate(name: "boss2", password: "admin-pass"))
        try store.removeUser(name: "boss", by: boss2)
        #expect(try store.accounts().map(\.role) == [.admin])
    }

    @Test func rolesAreOrdered() {
        #expect(Role.viewer < .curator && Role.curator < .admin)
    }
}
