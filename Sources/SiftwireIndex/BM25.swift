import Foundation

/// BM25 as FTS5's `bm25()` computes it (k1 = 1.2, b = 0.75, every column weighing 1), written so
/// that one phrase's share of a document's score can be bounded.
///
/// FTS5 scores a row as Σ over the query's phrases of `idf · (k1 + 1) · saturation`, where
/// `saturation = f / (f + k1·(1 − b + b·D/avgdl))` (f: the phrase's hits in the row, D: the row's
/// tokens in all columns, avgdl: tokens per row in the whole table) and
/// `idf = log((N − n + ½) / (n + ½))`, 1e-6 when not positive (N rows, n of them holding the phrase).
/// Its `rank` is minus that score.
enum BM25 {
    static let k1 = 1.2
    static let b = 0.75

    /// FTS5's idf for a phrase in `hits` of `rows` rows. Falls as `hits` grows, so a lower bound on
    /// `hits` gives an upper bound on the idf.
    static func idf(rows: Int, hits: Int) -> Double {
        let idf = log((Double(rows - hits) + 0.5) / (Double(hits) + 0.5))
        return idf <= 0 ? 1e-6 : idf
    }

    /// The saturation of `frequency` hits in a row of `length` tokens, in [0, 1).
    static func saturation(frequency: Int, length: Int, averageLength: Double) -> Double {
        let f = Double(frequency)
        return f / (f + k1 * (1 - b + b * Double(length) / averageLength))
    }

    /// The most a document's saturation can be at `averageLength` when it was at most `bound` at
    /// `referenceLength` (bounds are kept at one fixed reference; the corpus average moves).
    /// With ρ = reference / average: when ρ ≥ 1 (the average fell) every D/avgdl grew, so every
    /// saturation fell and `bound` holds; else `bound / (bound + ρ·(1 − bound))`, the supremum over
    /// every hit count and length whose saturation at the reference is at most `bound` (approached
    /// as the hit count grows without limit).
    static func bound(_ bound: Double, referenceLength: Double, averageLength: Double) -> Double {
        guard bound > 0 else { return 0 }
        let rho = min(1, referenceLength / averageLength)
        return bound / (bound + rho * (1 - bound))
    }

    /// The most a phrase can add to a row's score when its saturation there is at most `saturation`.
    static func contribution(idf: Double, saturation: Double) -> Double {
        idf * (k1 + 1) * saturation
    }
}
