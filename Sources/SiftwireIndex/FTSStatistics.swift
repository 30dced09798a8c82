import Foundation
import GRDB

/// The corpus statistics FTS5's `bm25()` uses: rows, and tokens per row on average over all
/// columns, read from the table's own "averages" record (row 1 of `document_fts_data`: a varint
/// row count, then a varint token total per column).
struct FTSStatistics: Equatable {
    var rows: Int
    var averageLength: Double

    static func load(_ db: Database) throws -> FTSStatistics? {
        guard let record = try Data.fetchOne(db, sql: "SELECT block FROM document_fts_data WHERE id = 1") else { return nil }
        let bytes = [UInt8](record)
        var offset = 0
        guard let rows = varint(bytes, &offset), rows > 0 else { return nil }
        var tokens: UInt64 = 0
        while offset < bytes.count, let total = varint(bytes, &offset) { tokens &+= total }
        return FTSStatistics(rows: Int(rows), averageLength: Double(tokens) / Double(rows))
    }

    /// SQLite's varint: big-endian groups of 7 bits, the high bit set on all but the last; a
    /// ninth byte gives 8 bits.
    static func varint(_ bytes: [UInt8], _ offset: inout Int) -> UInt64? {
        var value: UInt64 = 0
        for n in 0..<9 {
            guard offset < bytes.count else { return nil }
            let byte = bytes[offset]
            offset += 1
            if n == 8 { return value << 8 | UInt64(byte) }
            value = value << 7 | UInt64(byte & 0x7f)
            if byte < 0x80 { return value }
        }
        return value
    }
}
