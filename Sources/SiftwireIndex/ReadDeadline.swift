import Dispatch
import GRDB
import GRDBSQLite
import SiftwireProtocol

/// A time limit on the index's reads, enforced inside SQLite by a progress handler: past the
/// deadline the running statement is interrupted (`SQLITE_INTERRUPT`), which becomes a
/// `time_limit` error reply. One per connection (the writer's, and each reader's), confined to the
/// thread that uses that connection, like the store that owns both: a reader past its limit stops
/// only its own statement.
final class ReadDeadline: @unchecked Sendable {
    /// `DispatchTime` nanoseconds after which statements are interrupted; 0 when no limit is set.
    private(set) var deadline: UInt64 = 0

    /// SQLite virtual-machine steps between two looks at the clock.
    static let checkEvery: Int32 = 1000

    /// Installs the progress handler on a store's connection. `self` must outlive the connection
    /// (the store owns both).
    func install(on db: Database) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_progress_handler(db.sqliteConnection, Self.checkEvery, { context in
            guard let context else { return 0 }
            let limit = Unmanaged<ReadDeadline>.fromOpaque(context).takeUnretainedValue().deadline
            return limit != 0 && DispatchTime.now().uptimeNanoseconds > limit ? 1 : 0
        }, context)
    }

    /// Runs `body` with statements interrupted once `limit` has passed (no limit when nil).
    func run<T>(limit: Duration?, _ body: () throws(SiftwireError) -> T) throws(SiftwireError) -> T {
        guard let limit, deadline == 0 else { return try body() }
        let nanoseconds = UInt64(max(0, limit.components.seconds)) * 1_000_000_000 + UInt64(max(0, limit.components.attoseconds / 1_000_000_000))
        deadline = DispatchTime.now().uptimeNanoseconds + nanoseconds
        defer { deadline = 0 }
        return try body()
    }
}
