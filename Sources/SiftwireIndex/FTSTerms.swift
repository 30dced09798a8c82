import Foundation
import GRDB
import GRDBSQLite

/// The index's full-text tokenizer (`unicode61 remove_diacritics 2`, as `document_fts` declares
/// it), run by SQLite itself, so the terms and lengths counted here are the ones FTS5 stores.
struct FTSTerms {
    /// Hits per term and the number of tokens, over every column of a row.
    struct Counts {
        var frequencies: [String: Int] = [:]
        var length = 0
    }

    private let tokenizer: any FTS5Tokenizer

    init(_ db: Database) throws {
        tokenizer = try db.makeTokenizer(FTS5TokenizerDescriptor(components: ["unicode61", "remove_diacritics", "2"]))
    }

    /// Counts the terms of a row's columns as FTS5 does when the row is inserted.
    func count(_ columns: [String]) throws -> Counts {
        let box = CountsBox()
        for column in columns where !column.isEmpty {
            let code = withExtendedLifetime(box) {
                var bytes = Array(column.utf8)
                return bytes.withUnsafeMutableBufferPointer { buffer in
                    buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { text in
                        tokenizer.tokenize(context: Unmanaged.passUnretained(box).toOpaque(), tokenization: .document,
                                           pText: text, nText: CInt(buffer.count), tokenCallback: { context, _, token, size, _, _ in
                            guard let context, let token else { return SQLITE_OK }
                            let box = Unmanaged<CountsBox>.fromOpaque(context).takeUnretainedValue()
                            let term = token.withMemoryRebound(to: UInt8.self, capacity: Int(size)) {
                                String(decoding: UnsafeBufferPointer(start: $0, count: Int(size)), as: UTF8.self)
                            }
                            box.counts.frequencies[term, default: 0] += 1
                            box.counts.length += 1
                            return SQLITE_OK
                        })
                    }
                }
            }
            guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
        }
        return box.counts
    }

    /// The terms of a query's phrase text, in order (a phrase may hold several).
    func terms(_ phrase: String) throws -> [String] {
        try tokenizer.tokenize(query: phrase).map(\.token)
    }
}

/// The callback's accumulator (a C callback takes its state through one pointer).
private final class CountsBox {
    var counts = FTSTerms.Counts()
}
