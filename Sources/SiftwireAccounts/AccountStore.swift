import Foundation
import GRDB
import SiftwireRuntime

/// siftwire-web's own store: accounts, API tokens and browser sessions. Nothing of the corpus.
public final class AccountStore: Sendable {
    private let queue: DatabaseQueue
    private let hasher: PasswordHasher
    /// How long a browser session lasts after sign-in.
    public let sessionLifetime: TimeInterval
    /// A hash of a random password, checked when a name is unknown so that sign-in takes as long either way.
    private let decoyHash: String

    /// Opens (creating) the store at `path`; nil is an in-memory store (tests).
    public init(path: String?, hasher: PasswordHasher = PasswordHasher(), sessionLifetime: TimeInterval = 12 * 3600) throws {
        if let path {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        queue = try SQLiteStoreOpening.open(path: path, migrator: Self.migrator, durability: .full)
        self.hasher = hasher
        self.sessionLifetime = sessionLifetime
        decoyHash = try hasher.hash(SecureRandom.token())
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("web v1: accounts") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL CHECK (role IN ('viewer', 'curator', 'admin')),
                    password_hash TEXT NOT NULL,
                    created_at REAL NOT NULL
                );
                CREATE TABLE api_token (
                    digest TEXT PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    created_at REAL NOT NULL
                );
                CREATE TABLE session (
                    digest TEXT PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL,
                    expires_at REAL NOT NULL
                );
                CREATE INDEX session_expiry ON session(expires_at);
                """)
        }
        return migrator
    }

    /// Adds an account and returns a new API token for it (shown once; only its digest is kept).
    public func addUser(name: String, role: Role, password: String) throws(AccountError) -> String {
        guard !name.isEmpty, name.count <= 64, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.@".contains($0) }) else {
            throw AccountError(.invalidName, "a user name is 1–64 letters, digits, '-', '_', '.' or '@'")
        }
        guard password.count >= 8 else { throw AccountError(.weakPassword, "a password has at least 8 characters") }
        let hash = try hasher.hash(password)
        let token = SecureRandom.token()
        let now = Date().timeIntervalSince1970
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE name = ?", arguments: [name]) == true {
                throw AccountError(.nameTaken, "there is already a user named \(name)")
            }
            try db.execute(sql: "INSERT INTO account (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, role.rawValue, hash, now])
            try db.execute(sql: "INSERT INTO api_token (digest, account_id, created_at) VALUES (?, ?, ?)",
                           arguments: [TokenDigest.of(token), db.lastInsertedRowID, now])
        }
        return token
    }

    /// Removes the account `name`, with its API tokens and sessions, at the request of `by`: never
    /// `by`'s own account, and never the last admin (checked and removed in one transaction).
    public func removeUser(name: String, by: Account) throws(AccountError) {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, role FROM account WHERE name = ?", arguments: [name]) else {
                throw AccountError(.noSuchUser, "there is no user named \(name)")
            }
            let id: Int64 = row["id"]
            guard id != by.id else { throw AccountError(.ownAccount, "you cannot remove your own account (\(name))") }
            if Role(rawValue: row["role"]) == .admin,
               try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account WHERE role = 'admin'") ?? 0 <= 1 {
                throw AccountError(.lastAdmin, "\(name) is the last admin; make another admin first")
            }
            try db.execute(sql: "DELETE FROM session WHERE account_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM api_token WHERE account_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM account WHERE id = ?", arguments: [id])
        }
    }

    /// The account whose name and password these are, or nil.
    public func authenticate(name: String, password: String) throws(AccountError) -> Account? {
        let row = try read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, role, password_hash FROM account WHERE name = ?", arguments: [name])
        }
        guard let row, let role = Role(rawValue: row["role"]) else {
            _ = hasher.verify(password, against: decoyHash)
            return nil
        }
        guard hasher.verify(password, against: row["password_hash"]) else { return nil }
        return Account(id: row["id"], name: row["name"], role: role)
    }

    /// The account an API token belongs to.
    public func account(apiToken token: String) throws(AccountError) -> Account? {
        try read { db in
            try Row.fetchOne(db, sql: """
                SELECT a.id, a.name, a.role FROM api_token t JOIN account a ON a.id = t.account_id WHERE t.digest = ?
                """, arguments: [TokenDigest.of(token)]).flatMap(Self.account(from:))
        }
    }

    /// Starts a session; returns its cookie value (only its digest is kept) and the session.
    public func startSession(for account: Account) throws(AccountError) -> (token: String, session: Session) {
        let token = SecureRandom.token()
        let csrf = SecureRandom.token()
        let now = Date().timeIntervalSince1970
        try write { db in
            try db.execute(sql: "DELETE FROM session WHERE expires_at < ?", arguments: [now])
            try db.execute(sql: "INSERT INTO session (digest, account_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)",
                           arguments: [TokenDigest.of(token), account.id, csrf, now + sessionLifetime])
        }
        return (token, Session(account: account, csrfToken: csrf))
    }

    /// The live session a cookie value names.
    public func session(token: String) throws(AccountError) -> Session? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT a.id, a.name, a.role, s.csrf_token FROM session s JOIN account a ON a.id = s.account_id
                WHERE s.digest = ? AND s.expires_at >= ?
                """, arguments: [TokenDigest.of(token), Date().timeIntervalSince1970]),
                let account = Self.account(from: row) else { return nil }
            return Session(account: account, csrfToken: row["csrf_token"])
        }
    }

    public func endSession(token: String) throws(AccountError) {
        try write { db in try db.execute(sql: "DELETE FROM session WHERE digest = ?", arguments: [TokenDigest.of(token)]) }
    }

    /// Every account, by name.
    public func accounts() throws(AccountError) -> [Account] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, role FROM account ORDER BY name").compactMap(Self.account(from:))
        }
    }

    private static func account(from row: Row) -> Account? {
        guard let role = Role(rawValue: row["role"]) else { return nil }
        return Account(id: row["id"], name: row["name"], role: role)
    }

    private func read<T>(_ body: (Database) throws -> T) throws(AccountError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw AccountError(.storage, "accounts store: \(error)")
        }
    }

    private func write<T>(_ body: (Database) throws -> T) throws(AccountError) -> T {
        do {
            return try queue.write(body)
        } catch let error as AccountError {
            throw error
        } catch {
            throw AccountError(.storage, "accounts store: \(error)")
        }
    }
}

extension AccountStore {
    /// `SIFTWIRE_WEB_ACCOUNTS`, or `web/accounts.sqlite` in the data directory.
    public static var defaultPath: String {
        ProcessInfo.processInfo.environment["SIFTWIRE_WEB_ACCOUNTS"] ?? (Defaults.dataDirectory + "/web/accounts.sqlite")
    }
}
