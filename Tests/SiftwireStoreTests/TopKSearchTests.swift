import Foundation
import GRDB
import Testing
import SiftwireExtraction
import SiftwireProtocol
@testable import SiftwireIndex

/// Top-k search must give the page FTS5's exhaustive `ORDER BY rank` gives (ties aside), on a
/// generated corpus whose statistics move while it is written (short documents first, longer ones
/// later), with replaced documents, and for common, rare, multi-term, prefix, negated and
/// name-expanded queries.
@Suite("Top-k search: exhaustive BM25's page, from impact lists and a proven bound")
struct TopKSearchTests {
    /// Word frequencies fall off as 1/rank (as in text): a few words are in most documents.
    static let vocabulary: [String] = {
        let stems = ["aid", "bread", "convoy", "checkpoint", "drone", "shelling", "market", "school", "water", "council",
                     "fuel", "road", "clinic", "camp", "border", "price", "winter", "harvest", "bridge", "court"]
        return (0..<400).map { n in n < stems.count ? stems[n] : "\(stems[n % stems.count])\(n / stems.count)" }
    }()
    static let spellings = ["Idlib", "Idleb", "Edlib"]

    /// `count` documents from `seed`; lengths grow with `lengthScale` (to move the average length).
    static func documents(_ count: Int, from first: Int, seed: UInt64, lengthScale: Int) -> [IndexPut] {
        var random = SeededRandom(seed: seed)
        let weights = vocabulary.indices.map { 1.0 / Double($0 + 1) }
        let total = weights.reduce(0, +)
        func word() -> String {
            var x = Double(random.next() % 1_000_000) / 1_000_000 * total
            for (k, w) in weights.enumerated() { x -= w; if x <= 0 { return vocabulary[k] } }
            return vocabulary[0]
        }
        return (first..<(first + count)).map { n in
            let length = 10 + Int(random.next() % UInt64(60 * lengthScale))
            var words = (0..<length).map { _ in word() }
            var mentions: [String] = []
            if random.next() % 3 == 0 {
                // A third of the documents name the place, in one of its spellings, up to 6 times.
                for _ in 0...(random.next() % 6) {
                    let spelling = spellings[Int(random.next() % UInt64(spellings.count))]
                    words.insert(spelling, at: Int(random.next() % UInt64(words.count)))
                    mentions.append(spelling)
                }
            }
            let text = words.joined(separator: " ")
            let entities = mentions.isEmpty ? [] : [ExtractedEntity(
                id: "loc:idlib", name: "Idlib", type: .location, aliases: Array(Set(mentions)).sorted(),
                mentions: mentions.map { Mention(text: $0, start: 0, end: $0.count) })]
            return IndexPut(document: IndexedDocument(id: "d\(n)", hash: "h\(n)-\(seed)", title: "report \(word())", text: text,
                                                      source: "gen", date: "2024-01-01"),
                            extraction: Extraction(title: "report", date: "2024-01-01", entities: entities, dates: []),
                            workerID: "w")
        }
    }

    /// A store of 2,400 documents: 1,200 short, then 1,200 up to twice as long, then 150 of the
    /// first replaced by new text (same ids).
    static func store(path: String? = nil) throws -> IndexStore {
        let store = try IndexStore(path: path)
        for (batch, scale) in [(0, 1), (1, 1), (2, 2), (3, 2)] {
            let puts = documents(600, from: batch * 600, seed: UInt64(batch + 1), lengthScale: scale)
            for start in stride(from: 0, to: puts.count, by: 64) { _ = try store.write(Array(puts[start..<min(start + 64, puts.count)])) }
        }
        _ = try store.write(documents(150, from: 0, seed: 99, lengthScale: 2))
        return store
    }

    /// The queries checked: common, middling and rare words, AND, OR, NOT, phrases, prefixes.
    static let queries = ["aid", "bread", "convoy", "water", "fuel3", "camp17", "court19", "aid OR bread", "aid bread",
                          "convoy AND drone", "water NOT aid", "\"aid bread\"", "aid OR \"market school\"", "clinic* ",
                          "bridge1*", "(aid OR fuel) NOT drone", "report", "Idlib", "Idleb OR drone", "Edlib NOT convoy",
                          "harvest12 OR winter7 OR price5"]

    /// FTS5's exhaustive ranking: the reference.
    static func exhaustive(_ store: IndexStore, _ text: String, offset: Int = 0, limit: Int = 10) throws -> [(seq: Int64, rank: Double)] {
        try store.db.read { db in
            try Row.fetchAll(db, sql: "SELECT rowid, rank FROM document_fts WHERE document_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
                             arguments: [text, limit, offset]).map { (seq: $0["rowid"], rank: $0["rank"]) }
        }
    }

    static func topK(_ store: IndexStore, _ text: String, offset: Int = 0, limit: Int = 10) throws -> [(seq: Int64, rank: Double)]? {
        try store.db.read { db in try TopKSearch(db)?.page(text, offset: offset, limit: limit) }
    }

    /// Same ranks in order, and the same documents wherever a rank is not shared (ties aside).
    static func same(_ a: [(seq: Int64, rank: Double)], _ b: [(seq: Int64, rank: Double)]) -> Bool {
        guard a.count == b.count else { return false }
        for k in a.indices {
            guard abs(a[k].rank - b[k].rank) <= 1e-12 * max(1, abs(b[k].rank)) else { return false }
            let tied = b.filter { abs($0.rank - b[k].rank) <= 1e-12 * max(1, abs(b[k].rank)) }.count > 1
            if !tied, a[k].seq != b[k].seq { return false }
        }
        return true
    }

    /// One generated store (writing it is the slow part), checked four ways.
    @Test func pagesEqualTheExhaustiveRankingAndAWrongBoundIsCaught() throws {
        let store = try Self.store()
        try checkPagesEqualTheExhaustiveRanking(store)
        try checkExpandedNames(store)
        try checkQueriesWithoutAPlan(store)
        try checkAWrongBoundIsCaught(store)
    }

    /// Every proven page is the exhaustive page, and so is every page search serves; most pages are proven.
    func checkPagesEqualTheExhaustiveRanking(_ store: IndexStore) throws {
        var proven = 0
        for query in Self.queries {
            let text = try store.search(SearchQuery(text: query, allCopies: true)).effectiveText ?? query
            for offset in [0, 10] {
                let expected = try Self.exhaustive(store, text, offset: offset)
                if let page = try Self.topK(store, text, offset: offset, limit: 10) {
                    proven += 1
                    #expect(Self.same(page, expected), "\(text) at \(offset): \(page) ≠ \(expected)")
                }
                let served = try store.search(SearchQuery(text: query, limit: 10, offset: offset, allCopies: true)).hits.map(\.rank)
                #expect(served.count == expected.count && zip(served, expected).allSatisfy { abs($0 - $1.rank) <= 1e-12 * max(1, abs($1.rank)) },
                        "\(query) as served at \(offset)")
            }
        }
        // The bound must do its work, not leave every query to the exhaustive ranking.
        #expect(proven >= Self.queries.count, "only \(proven) of \(Self.queries.count * 2) pages proven")
    }

    /// A name expands to an OR of its spellings, and that page is proven and exact too.
    func checkExpandedNames(_ store: IndexStore) throws {
        let results = try store.search(SearchQuery(text: "Idleb", allCopies: true))
        #expect(results.expansions.first?.aliases.count == 3)
        let text = try #require(results.effectiveText)
        let page = try #require(try Self.topK(store, text))
        #expect(Self.same(page, try Self.exhaustive(store, text)))
        #expect(results.hits.count == 10)
        #expect(results.totalIsLowerBound == nil)
    }

    /// Syntax without a plan is left to the exhaustive ranking.
    func checkQueriesWithoutAPlan(_ store: IndexStore) throws {
        for query in ["NEAR(aid bread, 3)", "title:aid", "^aid", "aid + bread"] {
            #expect(try Self.topK(store, query) == nil, "\(query)")
            let served = try store.search(SearchQuery(text: query, expand: false, allCopies: true)).hits.map(\.rank)
            #expect(served == (try Self.exhaustive(store, query)).map(\.rank), "\(query)")
        }
    }

    /// The checks above can fail: with every bound claimed to be 0 (as if each list held every
    /// document of its term), top-k pages differ from the exhaustive ranking.
    func checkAWrongBoundIsCaught(_ store: IndexStore) throws {
        try store.db.write { db in try db.execute(sql: "UPDATE impact_term SET bound = 0") }
        let wrong = try Self.queries.filter { query in
            guard let page = try Self.topK(store, query) else { return false }
            return !Self.same(page, try Self.exhaustive(store, query))
        }
        #expect(!wrong.isEmpty)
    }

    @Test func listsBuiltByTheMigrationOnAnExistingIndexAreExactToo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("topk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Self.store(path: directory.appendingPathComponent("index.sqlite").path)
        try store.db.write { db in
            try db.execute(sql: "DELETE FROM impact_posting; DELETE FROM impact_term; DELETE FROM impact_setting")
            try ImpactLists.backfill(db)
        }
        for query in Self.queries.prefix(8) {
            let page = try #require(try Self.topK(store, query), "\(query)")
            #expect(Self.same(page, try Self.exhaustive(store, query)), "\(query)")
        }
    }

    @Test func thePlanKnowsWhichPhrasesCanScore() throws {
        func scoring(_ text: String) -> [String]? { FTSQueryPlan(text)?.phrases.map { ($0.scores ? "+" : "-") + $0.text + ($0.isPrefix ? "*" : "") } }
        #expect(scoring("aid") == ["+aid"])
        #expect(scoring("a NOT b") == ["+a", "-b"])
        #expect(scoring("a NOT (b OR \"c d\")") == ["+a", "-b", "-c d"])
        #expect(scoring("a NOT b c") == ["+a", "+b", "+c"])          // side by side binds tighter: NOT (b AND c)
        #expect(scoring("(a NOT b) OR c") == ["+a", "+b", "+c"])     // a row may match through c and hold b
        #expect(scoring("a NOT (b AND c)") == ["+a", "+b", "+c"])
        #expect(scoring("sarm* OR \"x \"\"y\"\"\"") == ["+sarm*", "+x \"y\""])
        for unsupported in ["NEAR(a b)", "col:a", "a + b", "^a", "-a", "(a", "a)", "\"open", "a OR", "{a b}: c"] {
            #expect(FTSQueryPlan(unsupported) == nil, "\(unsupported)")
        }
    }

    @Test func boundsHoldWhenTheAverageLengthGrows() {
        // Saturations at a larger average never exceed the bound carried from the reference.
        for f in [1, 2, 5, 40] {
            for length in [5, 100, 700, 5000] {
                let reference = BM25.saturation(frequency: f, length: length, averageLength: 300)
                for average in [100.0, 300, 301, 900, 10_000] {
                    let actual = BM25.saturation(frequency: f, length: length, averageLength: average)
                    #expect(actual <= BM25.bound(reference, referenceLength: 300, averageLength: average) * (1 + 1e-12))
                }
            }
        }
    }
}
