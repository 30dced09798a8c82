import Testing
@testable import SiftwireEvaluation
@testable import SiftwireExtraction

/// The benchmark corpus must look like conflict reporting to the real engine: realistic mention density,
/// a long tail of entities that grows with the corpus, spelling variants of one entity, selective words.
@Suite struct SyntheticCorpusScenarios {
    static let corpus = ExtractionBenchmark.syntheticCorpus(documents: 600, seed: 11, entries: seedEntries)
    static let extractions = corpus.map { extract($0) }

    @Test func articlesKeepTheHeadlineAndDateLinesAndStayWithinTwoToFiveKilobytes() {
        for text in Self.corpus {
            #expect((2000...5000).contains(text.utf8.count), "\(text.utf8.count) bytes")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            #expect(lines.first?.hasPrefix("# ") == true)
            #expect(lines.dropFirst().first?.wholeMatch(of: /date 20(1[2-9]|2[0-5])-[01]\d-[0-3]\d/) != nil)
        }
        let sizes = Self.corpus.map(\.utf8.count)
        #expect(sizes.filter { $0 < 3000 }.count > 60 && sizes.filter { $0 > 4000 }.count > 60, "lengths spread over the range")
    }

    @Test func mentionDensityIsThatOfRealReportingNotOfAListOfNames() {
        let sample = Self.extractions.prefix(300)
        let mentions = sample.reduce(0) { $0 + $1.entities.reduce(0) { $0 + $1.mentions.count } }
        let bytes = Self.corpus.prefix(300).reduce(0) { $0 + $1.utf8.count }
        let per3KB = Double(mentions) / Double(bytes) * 3000
        #expect((10...50).contains(per3KB), "\(per3KB) mentions per 3 KB")
    }

    @Test func distinctEntitiesKeepGrowingWithTheCorpus() {
        func distinct(_ n: Int) -> Int { Set(Self.extractions.prefix(n).flatMap { $0.entities.map(\.id) }).count }
        let small = distinct(150), large = distinct(600)
        #expect(small > 100, "\(small) distinct entities in 150 articles")
        #expect(Double(large) > Double(small) * 1.5, "\(small) at 150 articles, \(large) at 600")
        // No entity is in most articles (the old generator put each of its 45 names in ~80 % of them).
        var documentsPerEntity: [String: Int] = [:]
        for x in Self.extractions { for id in Set(x.entities.map(\.id)) { documentsPerEntity[id, default: 0] += 1 } }
        let top = documentsPerEntity.max { $0.value < $1.value }
        #expect((top?.value ?? 0) < Self.extractions.count / 2, "\(top?.key ?? "-") in \(top?.value ?? 0) articles")
    }

    @Test func transliterationVariantsAndAliasesResolveToOneEntity() {
        var forms: [String: Set<String>] = [:]
        for x in Self.extractions { for e in x.entities { for m in e.mentions { forms[e.id, default: []].insert(m.text) } } }
        #expect(forms["loc:idlib"]?.isSuperset(of: ["Idlib", "Idleb"]) == true, "\(forms["loc:idlib"] ?? [])")
        let varied = forms.values.filter { $0.count >= 3 }.count
        #expect(varied > 20, "\(varied) entities seen under three or more surface forms")
        #expect(Self.corpus.contains { $0.contains(", also known as ") } && Self.corpus.contains { $0.contains(", formerly known as ") })
    }

    @Test func attributedStatementsGiveClaimsExtractionWork() {
        let claims = Self.extractions.prefix(100).reduce(0) { $0 + $1.claims.count }
        #expect(claims > 100, "\(claims) claims in 100 articles")
    }

    @Test func commonSearchWordsAreSelective() {
        for word in ["bread", "fighters", "hospital", "rain", "council", "statement", "ceasefire"] {
            let hits = Self.corpus.filter { $0.lowercased().contains(word) }.count
            #expect(hits > 0 && hits < Self.corpus.count * 7 / 10, "\(word) in \(hits) of \(Self.corpus.count) articles")
        }
    }

    @Test func aDictionaryWithoutPeopleOrOrganisationsStillWritesArticles() {
        let places = seedEntries.filter { $0.type == .location }
        for entries in [places, []] {
            let texts = ExtractionBenchmark.syntheticCorpus(documents: 5, seed: 3, entries: entries)
            #expect(texts.count == 5 && texts.allSatisfy { (2000...5000).contains($0.utf8.count) })
        }
    }
}
