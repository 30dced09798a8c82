import Foundation
import Testing
import SiftwireExtraction
import SiftwireProtocol
@testable import SiftwireIndex

@Suite("Index store: extended search, fuzzy entities, entity lists, co-mentions, timelines")
struct IndexQueryKindsTests {
    let store: IndexStore

    init() throws {
        store = try IndexStore(path: nil)
        let julani = IndexStoreTests.entity("person:julani", "Abu Mohammad al-Julani", .person, mentions: ["Abu Mohammad al-Julani", "al-Julani"])
        let hts = IndexStoreTests.entity("org:hts", "Hay'at Tahrir al-Sham", .org, mentions: ["HTS"])
        var idlib = IndexStoreTests.entity("loc:idlib", "Idlib", .location, mentions: ["Idlib"])
        idlib.aliases = ["Idlib", "Idleb", "Édlib"]
        let idlibOnly = IndexStoreTests.entity("loc:idlib", "Idlib", .location, mentions: ["Idleb"])
        let afrin = IndexStoreTests.entity("loc:afrin", "Afrin", .location, mentions: ["Afrin"])
        _ = try store.write([
            IndexStoreTests.put("d1", text: "al-Julani leads HTS in Idlib province.", date: "2023-08-03", entities: [julani, hts, idlib]),
            IndexStoreTests.put("d2", text: "A drone strike near Jindires in Afrin.", date: "2023-08-10", entities: [afrin]),
            IndexStoreTests.put("d3", text: "Fighting reported in Idleb countryside; HTS denied it.", date: "2024-12-08", entities: [idlibOnly, hts]),
            IndexStoreTests.put("d4", text: "Undated note about Idlib and al-Julani.", date: nil, entities: [julani, idlib]),
        ])
    }

    // MARK: search

    @Test func theIndexRefusesTheSearchesTheQueryServiceRefusesWithTheSameReason() throws {
        // One rule (SearchQuery.validate): the query service refuses these before forwarding; asked
        // directly, the index gives the same answer instead of quietly clamping the page.
        for query in [SearchQuery(text: "Idlib", limit: 0), SearchQuery(text: "Idlib", offset: -1),
                      SearchQuery(text: "Idlib", entityType: "WEAPON"), SearchQuery(text: "Idlib", dateFrom: "2024-02-30")] {
            var service: SiftwireError?
            do throws(SiftwireError) { try query.validate() } catch { service = error }
            var index: SiftwireError?
            do throws(SiftwireError) { _ = try store.search(query) } catch { index = error }
            #expect(service != nil && index == service, "\(query)")
        }
        #expect(try store.search(SearchQuery(text: "Idlib", limit: 500)).limitCap == IndexStore.searchLimitCap, "the cap is stated")
    }

    @Test func searchExpandsAKnownNameToAllItsSpellings() throws {
        let literal = try store.search(SearchQuery(text: "Idleb", expand: false))
        #expect(literal.hits.map(\.id) == ["d3"])
        #expect(literal.expansions.isEmpty)
        let expanded = try store.search(SearchQuery(text: "Idleb"))
        #expect(Set(expanded.hits.map(\.id)) == ["d1", "d3", "d4"])
        #expect(expanded.expansions.count == 1)
        #expect(expanded.expansions.first?.entityID == "loc:idlib")
        #expect(expanded.expansions.first?.term == "Idleb")
        #expect(expanded.expansions.first?.aliases.first == "Idleb")
        #expect(expanded.expansions.first?.aliases.contains("Idlib") == true)
        #expect(expanded.effectiveText?.contains("OR") == true)
    }

    @Test func expansionDropsSpellingsThatContainAShorterOneButReportsThemAll() throws {
        let forms = ["Tahrir al-Sham", "Hay'at Tahrir al-Sham", "HTS", "Hayat Tahrir ash-Sham", "Tahrir al-Sham Organization",
                     "TAHRIR AL SHAM", "Hay\u{2019}at Tahrīr al-Shām"]
        #expect(SearchExpansion.withoutContainedPhrases(forms) == ["Tahrir al-Sham", "HTS", "Hayat Tahrir ash-Sham"])
        // Words, not characters: "Sham" does not contain "Shamal".
        #expect(SearchExpansion.withoutContainedPhrases(["Shamal", "Sham"]) == ["Shamal", "Sham"])

        let rewritten = SearchExpansion.rewrite("Tahrir AND denied") { term in term == "Tahrir" ? (entityID: "org:hts", aliases: Array(forms.dropFirst())) : nil }
        // Every other form contains the word "Tahrir" except HTS; all are still reported as spellings.
        #expect(rewritten.text == #"("Tahrir" OR "HTS") AND denied"#, "\(rewritten.text)")
        #expect(rewritten.expansions.first?.aliases.count == forms.count)
    }

    @Test func quotedTransliterationVariantIsExpandedAndCombinesWithOtherTerms() throws {
        // "al-Jolani" is spelt al-Julani in every document.
        let results = try store.search(SearchQuery(text: "\"al-Jolani\" HTS"))
        #expect(results.hits.map(\.id) == ["d1"])
        #expect(results.expansions.map(\.entityID).contains("person:julani"))
        // Implicit AND next to the expanded group still works on both sides, and with NOT.
        #expect(Set(try store.search(SearchQuery(text: "province Idleb")).hits.map(\.id)) == ["d1"])
        #expect(Set(try store.search(SearchQuery(text: "HTS NOT Idleb")).hits.map(\.id)) == [])
    }

    @Test func hyphenatedNamesTypedWithoutQuotesAreSearchedAsNames() throws {
        // Bare "al-Jolani" would be FTS5 syntax (an error); it is the name, expanded to al-Julani.
        let bare = try store.search(SearchQuery(text: "al-Jolani HTS"))
        #expect(bare.hits.map(\.id) == ["d1"])
        #expect(bare.expansions.map(\.entityID).contains("person:julani"))
        // A hyphenated word that names nothing is searched as its phrase, expanded or not.
        #expect(Set(try store.search(SearchQuery(text: "al-Julani")).hits.map(\.id)) == ["d1", "d4"])
        #expect(try store.search(SearchQuery(text: "al-Jolani", expand: false)).hits.isEmpty)
        #expect(SearchExpansion.rewrite("ash-Sham OR Hay'at") { _ in nil }.text == "\"ash-Sham\" OR \"Hay'at\"")
        // Operators and leading or trailing punctuation stay syntax.
        #expect(SearchExpansion.rewrite("-x OR x- OR NOT") { _ in nil }.text == "-x OR x- OR NOT")
    }

    @Test func prefixNearAndColumnSyntaxAreLeftAlone() throws {
        #expect(try store.search(SearchQuery(text: "Idle*")).expansions.isEmpty)
        #expect(try store.search(SearchQuery(text: "NEAR(Idleb countryside, 3)")).expansions.isEmpty)
        #expect(try store.search(SearchQuery(text: "NEAR(Idleb countryside, 3)")).hits.map(\.id) == ["d3"])
    }

    @Test func expansionQuotesAliasesSafely() {
        let rewritten = SearchExpansion.rewrite("x Idleb") { $0 == "Idleb" ? ("loc:idlib", ["Id\"leb", "Idlib"]) : nil }
        #expect(rewritten.text == "x AND (\"Idleb\" OR \"Id\"\"leb\" OR \"Idlib\")")
        let both = SearchExpansion.rewrite("HTS Idleb") { ($0, [$0 + "x"]) }
        #expect(both.text == "(\"HTS\" OR \"HTSx\") AND (\"Idleb\" OR \"Idlebx\")")
    }

    @Test func searchFiltersByEntityTypeDateAndSource() throws {
        #expect(Set(try store.search(SearchQuery(text: "HTS OR drone", entity: "al-Jolani")).hits.map(\.id)) == ["d1"])
        #expect(Set(try store.search(SearchQuery(text: "HTS OR drone", entityType: "location")).hits.map(\.id)) == ["d1", "d2", "d3"])
        #expect(Set(try store.search(SearchQuery(text: "HTS OR drone", entityType: "PERSON")).hits.map(\.id)) == ["d1"])
        let august = try store.search(SearchQuery(text: "HTS OR drone", dateFrom: "2023-08-01", dateTo: "2023-08-31"))
        #expect(Set(august.hits.map(\.id)) == ["d1", "d2"])
        #expect(august.total == 2)
        #expect(try store.search(SearchQuery(text: "HTS", source: "test")).total == 2)
        #expect(try store.search(SearchQuery(text: "HTS", source: "elsewhere")).total == 0)
    }

    @Test func badFiltersAreStructuredErrors() throws {
        func code(_ query: SearchQuery) -> ErrorCode? {
            do { _ = try store.search(query); return nil } catch { return error.code }
        }
        #expect(code(SearchQuery(text: "HTS", entity: "Nobody al-Nobody")) == .notFound)
        #expect(code(SearchQuery(text: "HTS", entityType: "WEAPON")) == .invalidArgument)
        #expect(code(SearchQuery(text: "HTS", dateFrom: "2023-02-30")) == .invalidArgument)
        #expect(code(SearchQuery(text: "HTS", dateFrom: "2024-01-01", dateTo: "2023-01-01")) == .invalidArgument)
        #expect(code(SearchQuery(text: "\"Idleb")) == .invalidQuery)
        #expect(code(SearchQuery(text: "Idleb AND")) == .invalidQuery)
        // Offsets past the end give an empty page with the right total.
        let beyond = try store.search(SearchQuery(text: "HTS", offset: 50))
        #expect(beyond.hits.isEmpty && beyond.total == 2)
    }

    @Test func oldRequestsAndRepliesStillDecode() throws {
        let query = try JSONCoding.decode(SearchQuery.self, from: Data(#"{"text":"Idlib"}"#.utf8))
        #expect(query.limit == 10 && query.entity == nil && query.expand == nil)
        let reply = try JSONCoding.decode(SearchResults.self, from: Data(#"{"hits":[],"limitCap":100,"total":0}"#.utf8))
        #expect(reply.expansions.isEmpty)
        // New optional fields are left out, never sent as null.
        #expect(String(decoding: JSONCoding.encode(SearchQuery(text: "x")), as: UTF8.self) == #"{"limit":10,"offset":0,"text":"x"}"#)
    }

    // MARK: entity

    @Test func exactLookupsSayHowTheyMatched() throws {
        #expect(try store.profile(EntityQuery(name: "org:hts")).match == "id")
        let profile = try store.profile(EntityQuery(name: "Idleb"))
        #expect(profile.match == "alias" && profile.id == "loc:idlib" && profile.alternatives == nil)
        #expect(profile.firstSeen == "2023-08-03" && profile.lastSeen == "2024-12-08")
    }

    @Test func misspelledNameFallsBackToTheClosestEntity() throws {
        let profile = try store.profile(EntityQuery(name: "Idlip"))
        #expect(profile.match == "fuzzy")
        #expect(profile.id == "loc:idlib")
        #expect((profile.score ?? 0) >= EntityQuery.fuzzyThreshold)
        let typo = try store.profile(EntityQuery(name: "al-Julany"))
        #expect(typo.id == "person:julani")
        // one word of a longer name, in any spelling: "Jolani", "Mohammed"
        #expect(try store.profile(EntityQuery(name: "Jolani")).id == "person:julani")
        let word = try store.profile(EntityQuery(name: "Mohammed"))
        #expect(word.id == "person:julani" && word.match == "fuzzy")
        let prefix = try store.profile(EntityQuery(name: "Afr"))
        #expect(prefix.id == "loc:afrin" && prefix.match == "fuzzy")
        let candidates = try store.entityCandidates("Idlip", limit: 5)
        #expect(candidates.first?.id == "loc:idlib")
        #expect(candidates.map(\.score) == candidates.map(\.score).sorted(by: >))
    }

    @Test func farOffNamesAreStillNotFoundAndFuzzyCanBeTurnedOff() throws {
        #expect(throws: SiftwireError.self) { try store.profile(EntityQuery(name: "Nobody al-Nobody")) }
        do {
            _ = try store.profile(EntityQuery(name: "Idlip", fuzzy: false))
            Issue.record("fuzzy: false should not fall back")
        } catch {
            #expect(error.code == .notFound)
        }
    }

    @Test func editDistanceIsLevenshtein() {
        func d(_ a: String, _ b: String) -> Int { IndexStore.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars)) }
        #expect(d("kitten", "sitting") == 3)
        #expect(d("", "abc") == 3)
        #expect(d("julni", "julni") == 0)
    }

    // MARK: entities

    @Test func entitiesAreRankedAndFiltered() throws {
        let all = try store.entities(EntitiesQuery())
        #expect(all.total == 4)
        #expect(all.entities.first?.id == "person:julani" || all.entities.first?.id == "loc:idlib")
        #expect(all.entities.map(\.mentions) == all.entities.map(\.mentions).sorted(by: >))
        let byDocuments = try store.entities(EntitiesQuery(sort: "documents"))
        #expect(byDocuments.entities.first?.id == "loc:idlib")
        #expect(byDocuments.entities.first?.documents == 3)
        let places = try store.entities(EntitiesQuery(type: "LOCATION"))
        #expect(Set(places.entities.map(\.id)) == ["loc:idlib", "loc:afrin"])
        let page = try store.entities(EntitiesQuery(limit: 1, offset: 1))
        #expect(page.entities.count == 1 && page.total == 4 && page.entities[0] == all.entities[1])
        #expect(try store.entities(EntitiesQuery(offset: 99)).entities.isEmpty)
    }

    @Test func prefixMatchesNamesAndAliasesIgnoringCaseAndDiacritics() throws {
        let hay = try store.entities(EntitiesQuery(prefix: "hay'"))
        #expect(hay.entities.map(\.id) == ["org:hts"])
        #expect(hay.entities.first?.matchedAlias == nil)
        let hts = try store.entities(EntitiesQuery(prefix: "ht"))
        #expect(hts.entities.map(\.id) == ["org:hts"])
        #expect(hts.entities.first?.matchedAlias == "HTS")
        #expect(try store.entities(EntitiesQuery(prefix: "edl")).entities.map(\.id) == ["loc:idlib"])
        #expect(try store.entities(EntitiesQuery(prefix: "%")).total == 0)
        #expect(try store.entities(EntitiesQuery(prefix: "_dlib")).total == 0)
    }

    // MARK: comentions

    @Test func comentionGraphHasWeightedEdgesAroundTheEntity() throws {
        let graph = try store.comentions(ComentionsQuery(name: "HTS"))
        #expect(graph.center == "org:hts")
        #expect(graph.nodes.first?.id == "org:hts" && graph.nodes.first?.depth == 0)
        #expect(Set(graph.nodes.map(\.id)) == ["org:hts", "loc:idlib", "person:julani"])
        #expect(graph.edges.contains(ComentionGraph.Edge(source: "loc:idlib", target: "org:hts", weight: 2)))
        #expect(graph.edges.contains(ComentionGraph.Edge(source: "loc:idlib", target: "person:julani", weight: 2)))
        #expect(graph.edges.allSatisfy { $0.source < $0.target })
        let strong = try store.comentions(ComentionsQuery(name: "HTS", minWeight: 2))
        #expect(Set(strong.nodes.map(\.id)) == ["org:hts", "loc:idlib"])
        let capped = try store.comentions(ComentionsQuery(name: "HTS", limit: 2))
        #expect(capped.nodes.count == 2 && capped.truncated)
    }

    @Test func depthTwoReachesNeighboursOfNeighbours() throws {
        _ = try store.write([IndexStoreTests.put("d5", text: "Afrin and al-Julani.", date: "2025-01-01", entities: [
            IndexStoreTests.entity("loc:afrin", "Afrin", .location, mentions: ["Afrin"]),
            IndexStoreTests.entity("person:julani", "Abu Mohammad al-Julani", .person, mentions: ["al-Julani"]),
        ])])
        let one = try store.comentions(ComentionsQuery(name: "HTS", depth: 1))
        #expect(!one.nodes.map(\.id).contains("loc:afrin"))
        let two = try store.comentions(ComentionsQuery(name: "HTS", depth: 2))
        #expect(two.nodes.first(where: { $0.id == "loc:afrin" })?.depth == 2)
        #expect(throws: SiftwireError.self) { try store.comentions(ComentionsQuery(name: "HTS", depth: 3)) }
        #expect(throws: SiftwireError.self) { try store.comentions(ComentionsQuery(name: "Nobody al-Nobody")) }
    }

    // MARK: timeline

    @Test func timelineBucketsMentionsByDocumentDate() throws {
        let months = try store.timeline(TimelineQuery(names: ["Idleb", "HTS"], bucket: "month"))
        #expect(months.series.map(\.entityID) == ["loc:idlib", "org:hts"])
        let idlib = months.series[0]
        #expect(idlib.buckets.map(\.start) == ["2023-08-01", "2024-12-01"])
        #expect(idlib.buckets.map(\.documentIDs) == [["d1"], ["d3"]])
        #expect(idlib.undated == 1)
        #expect(idlib.mentions == 2)
        let weeks = try store.timeline(TimelineQuery(names: ["Afrin", "Idlib"], bucket: "week"))
        #expect(weeks.series[0].buckets.map(\.start) == ["2023-08-07"])   // 2023-08-10 was a Thursday
        #expect(weeks.series[1].buckets.first?.start == "2023-07-31")     // 2023-08-03 was a Thursday
        let years = try store.timeline(TimelineQuery(names: ["Idleb"], bucket: "year"))
        #expect(years.series[0].buckets.map(\.start) == ["2023-01-01", "2024-01-01"])
        let days = try store.timeline(TimelineQuery(names: ["HTS"], bucket: "day", dateFrom: "2024-01-01"))
        #expect(days.series[0].buckets.map(\.start) == ["2024-12-08"])
        let capped = try store.timeline(TimelineQuery(names: ["HTS"], documentLimit: 0))
        #expect(capped.series[0].buckets.allSatisfy { $0.documentIDs.isEmpty && $0.documents == 1 })
    }

    @Test func timelineRefusesBadArguments() throws {
        for query in [TimelineQuery(names: []), TimelineQuery(names: ["HTS"], bucket: "decade"),
                      TimelineQuery(names: ["HTS"], dateTo: "2024-13-01"), TimelineQuery(names: ["Nobody al-Nobody"])] {
            #expect(throws: SiftwireError.self) { try store.timeline(query) }
        }
    }
}
