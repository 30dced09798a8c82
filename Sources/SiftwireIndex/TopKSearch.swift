import Foundation
import GRDB

/// The best `offset + limit` matches of an unfiltered FTS5 query by exact BM25, found without
/// scoring every match: each scoring phrase names few candidates (its terms' impact lists,
/// `ImpactLists`) and a bound on what it can add to the score of any other document. FTS5 scores
/// the candidates (its own `bm25()`, one pass that only reads the other matches' row ids); when the
/// last hit of the page scores above the sum of the bounds, no other document can reach the page
/// and it is the exhaustive ranking's page (ties aside). Otherwise, or for syntax without a plan
/// (`FTSQueryPlan`), the answer is nil and the caller ranks every match.
struct TopKSearch {
    /// A page: row ids and FTS5 ranks (minus the BM25 score), best first.
    typealias Page = [(seq: Int64, rank: Double)]

    /// Most candidates scored before giving up on the bound (the exhaustive ranking is then as cheap).
    static let candidateCap = 4096
    /// Most vocabulary terms one `prefix*` may stand for.
    static let prefixTermCap = 64
    /// Most phrases in a query tried this way: FTS5's pass over an OR of many phrases (a name with
    /// a dozen spellings) costs as much as scoring, so the bound would only add to the exhaustive cost.
    static let phraseCap = 6
    /// Most phrases with a positive bound: each needs a count of its rows for its idf.
    static let boundedPhraseCap = 4

    /// The candidates and the bound one phrase brings.
    private struct PhraseBound {
        var terms: [String]
        /// Upper bound on the phrase's saturation in any document outside those terms' lists.
        var saturation: Double
    }

    let db: Database
    let statistics: FTSStatistics
    let referenceLength: Double
    let tokenizer: FTSTerms

    init?(_ db: Database) throws {
        guard let reference = try Double.fetchOne(db, sql: "SELECT referenceLength FROM impact_setting WHERE id = 1"),
              let statistics = try FTSStatistics.load(db)
        else { return nil }
        self.db = db
        self.statistics = statistics
        referenceLength = reference
        tokenizer = try FTSTerms(db)
    }

    /// The page of `text` at `offset`, `limit` long, or nil when it cannot be proven exact this way.
    func page(_ text: String, offset: Int, limit: Int) throws -> Page? {
        guard let plan = FTSQueryPlan(text), plan.phrases.count <= Self.phraseCap else { return nil }
        var candidates = Set<Int64>()
        var bounded: [(phrase: FTSQueryPlan.Phrase, saturation: Double)] = []
        for phrase in plan.phrases where phrase.scores {
            guard let bound = try bound(phrase) else { return nil }
            for term in bound.terms {
                candidates.formUnion(try Int64.fetchAll(db.cachedStatement(sql: "SELECT seq FROM impact_posting WHERE term = ?"),
                                                        arguments: [term]))
            }
            guard candidates.count <= Self.candidateCap else { return nil }
            if bound.saturation > 0 { bounded.append((phrase, bound.saturation)) }
        }
        guard bounded.count <= Self.boundedPhraseCap else { return nil }
        var ceiling = 0.0
        for (phrase, saturation) in bounded {
            ceiling += BM25.contribution(idf: BM25.idf(rows: statistics.rows, hits: try count(phrase)), saturation: saturation)
        }
        let scored = try score(text, candidates)
        let end = offset + limit
        if ceiling > 0 {
            // The page's last hit must beat every document outside the candidates (margin for rounding).
            guard scored.count >= end, -scored[end - 1].rank > ceiling * (1 + 1e-9) else { return nil }
        }
        return Array(scored.dropFirst(offset).prefix(limit))
    }

    /// Candidates and bound for one phrase: of its terms (a phrase's hits in a row are at most any
    /// one term's), the one whose bound is lowest; a `prefix*` stands for every term it begins
    /// (hits add up, and saturation is subadditive in hits, so their bounds add up too).
    private func bound(_ phrase: FTSQueryPlan.Phrase) throws -> PhraseBound? {
        let terms = try tokenizer.terms(phrase.text)
        guard !terms.isEmpty else { return nil }
        var best: PhraseBound?
        for (k, term) in terms.enumerated() {
            let rows: [Row]
            if phrase.isPrefix, k == terms.count - 1 {
                rows = Array(try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT term, bound FROM impact_term WHERE term >= ? ORDER BY term LIMIT ?
                    """), arguments: [term, Self.prefixTermCap + 1])
                    .prefix { ($0["term"] as String).utf8.starts(with: term.utf8) })
                guard rows.count <= Self.prefixTermCap else { continue }
            } else {
                rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT term, bound FROM impact_term WHERE term = ?"),
                                        arguments: [term])
            }
            let saturation = rows.reduce(0.0) { sum, row in
                sum + BM25.bound(row["bound"] as Double, referenceLength: referenceLength, averageLength: statistics.averageLength)
            }
            let option = PhraseBound(terms: rows.map { $0["term"] as String }, saturation: saturation)
            if let current = best, current.saturation <= option.saturation { continue }
            best = option
        }
        return best
    }

    /// Rows holding the phrase, as FTS5's bm25() counts them for its idf.
    private func count(_ phrase: FTSQueryPlan.Phrase) throws -> Int {
        let text = SearchExpansion.quote(phrase.text) + (phrase.isPrefix ? "*" : "")
        return try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM document_fts WHERE document_fts MATCH ?"),
                                arguments: [text]) ?? 0
    }

    /// FTS5's rank of the candidates that match, best first. `+rowid` keeps the candidate test out
    /// of FTS5's plan (it would re-run the query per candidate); only passing rows are scored.
    private func score(_ text: String, _ candidates: Set<Int64>) throws -> Page {
        guard !candidates.isEmpty else { return [] }
        let list = "[" + candidates.map(String.init).joined(separator: ",") + "]"
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT rowid AS seq, bm25(document_fts) AS rank FROM document_fts
            WHERE document_fts MATCH ? AND +rowid IN (SELECT value FROM json_each(?))
            """), arguments: [text, list])
            .map { (seq: $0["seq"], rank: $0["rank"]) }
            .sorted { $0.rank < $1.rank || ($0.rank == $1.rank && $0.seq < $1.seq) }
    }
}
