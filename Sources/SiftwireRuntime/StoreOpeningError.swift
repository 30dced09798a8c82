/// A store file that cannot be used as it is. The service does not start, and the file is left
/// exactly as found: it is never silently rebuilt or replaced.
public struct StoreOpeningError: Error, CustomStringConvertible, Sendable {
    public enum Reason: String, Sendable {
        /// The file is not an SQLite database (SQLITE_NOTADB: e.g. its header was overwritten).
        case notADatabase = "not_a_database"
        /// The file is a database but its pages are damaged (SQLITE_CORRUPT, or `PRAGMA quick_check` failed).
        case corrupted
    }

    public var path: String
    public var reason: Reason
    /// What SQLite reported.
    public var detail: String

    public init(path: String, reason: Reason, detail: String) {
        self.path = path
        self.reason = reason
        self.detail = detail
    }

    /// Exit status of a service that stops for this reason (`EX_DATAERR`).
    public static let exitStatus: Int32 = 65

    public var description: String {
        "store \(path) is unusable (\(reason.rawValue)): \(detail). It was left untouched; "
            + "restore it from a backup, or move it aside to start with an empty store."
    }
}
