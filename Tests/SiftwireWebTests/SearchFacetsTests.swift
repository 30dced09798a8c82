import Foundation
import SiftwireAccounts
import SiftwireProtocol
import Testing
@testable import SiftwireWeb

@Suite("Search facets: counts, histogram, links")
struct SearchFacetsTests {
    static func hit(_ id: String, date: String?, source: String?) -> SearchResults.Hit {
        SearchResults.Hit(id: id, title: id, date: date, source: source, snippet: "a [b] c", rank: -1)
    }

    @Test func monthsWhileTheHitsSpanUnderThreeYearsWithEmptyMonthsKept() {
        let buckets = SearchFacets.histogram(["2024-01-05", "2024-03-31", "2024-03-01", "2023-12-01T10:00:00Z", "not a date"])
        #expect(buckets.map(\.label) == ["2023-12", "2024-01", "2024-02", "2024-03"])
        #expect(buckets.map(\.count) == [1, 1, 0, 2])
        #expect(buckets[2].from == "2024-02-01" && buckets[2].to == "2024-02-29") // a leap year
        #expect(buckets[0].to == "2023-12-31")
    }

    @Test func yearsWhenTheHitsSpanLonger() {
        let buckets = SearchFacets.histogram(["2012-05-01", "2016-01-01", "2016-07-09"])
        #expect(buckets.map(\.label) == ["2012", "2013", "2014", "2015", "2016"])
        #expect(buckets.map(\.count) == [1, 0, 0, 0, 2])
        #expect(buckets.last?.from == "2016-01-01" && buckets.last?.to == "2016-12-31")
        #expect(SearchFacets.histogram([]).isEmpty)
    }

    @Test func outletsByHitsAndEntitiesByDocuments() {
        let (sources, _) = SearchFacets.rankedFacets([Self.hit("a", date: nil, source: "Enab Baladi"), Self.hit("b", date: nil, source: "SOHR"),
                                                      Self.hit("c", date: nil, source: "SOHR"), Self.hit("d", date: nil, source: nil)])
        #expect(sources.map(\.label) == ["SOHR", "Enab Baladi"] && sources.map(\.count) == [2, 1])
        #expect(SearchFacets.outletLabel("https://www.enabbaladi.net/archives/1") == "www.enabbaladi.net")
        #expect(SearchFacets.outletLabel("upload/note.md") == "note.md")
        #expect(SearchFacets.outletLabel("Enab Baladi") == "Enab Baladi")
        let idlib = DocumentEntities.Entity(id: "loc:idlib", name: "Idlib", type: "LOCATION")
        let hts = DocumentEntities.Entity(id: "org:hts", name: "HTS", type: "ORG")
        let afrin = DocumentEntities.Entity(id: "loc:afrin", name: "Afrin", type: "LOCATION")
        let (entities, types) = SearchFacets.entityFacets([[idlib, hts], [idlib, afrin], [idlib], []])
        #expect(entities.map(\.value) == ["loc:idlib", "loc:afrin", "org:hts"] && entities.map(\.count) == [3, 1, 1])
        // a document mentioning two places counts once for LOCATION
        #expect(types.map(\.value) == ["LOCATION", "ORG"] && types.map(\.count) == [3, 1])
    }

    @Test func eachValueLinksToTheSearchWithItsFilterAddedAndOthersKept() {
        var filters = Pages.SearchFilters()
        filters.text = "Idleb"
        filters.source = "SOHR"
        filters.offset = 40
        var facets = SearchFacets()
        facets.entities = [.init(value: "org:hts", label: "Hay'at Tahrir al-Sham", count: 4)]
        facets.types = [.init(value: "ORG", label: "ORG", count: 5)]
        facets.sources = [.init(value: "SOHR", label: "SOHR", count: 7)]
        facets.dates = SearchFacets.histogram(["2024-01-05", "2024-03-01"])
        facets.rankedWindow = 7
        facets.entityWindow = 5
        let html = Pages.facetPanel(facets, filters: filters).rendered
        #expect(html.contains("<a href=\"/search?q=Idleb&amp;source=SOHR&amp;entity=org%3Ahts\" data-value=\"org:hts\" title=\"org:hts\">Hay&#39;at Tahrir al-Sham</a>"))
        #expect(html.contains("<a href=\"/search?q=Idleb&amp;source=SOHR&amp;type=ORG\" data-value=\"ORG\">ORG</a>"))
        // the outlet already chosen is shown as chosen, with a link that clears it
        #expect(html.contains("<li class=\"active\"><strong title=\"SOHR\">SOHR</strong> <span class=\"count\">7</span></li>"))
        #expect(html.contains("<li class=\"clear\"><a href=\"/search?q=Idleb\">any outlet</a></li>"))
        #expect(html.contains("href=\"/search?q=Idleb&amp;source=SOHR&amp;from=2024-01-01&amp;to=2024-01-31\""))
        #expect(!html.contains("from=2024-02-01"), "an empty month is not a link")
        #expect(html.contains("Outlets and dates: in the top 7 hits.") && html.contains("in the 5 documents on this page"))
    }

    @Test func theSearchPageShowsFacetsBesideTheHits() {
        var filters = Pages.SearchFilters()
        filters.text = "Idleb"
        let results = SearchResults(total: 1, hits: [Self.hit("d1", date: "2024-01-01", source: "SOHR")], limitCap: 100)
        var facets = SearchFacets()
        facets.sources = [.init(value: "SOHR", label: "SOHR", count: 1)]
        let identity = Identity(account: .init(id: 1, name: "ana", role: .viewer), csrfToken: "t")
        let page = Pages.search(identity: identity, filters: filters, results: results, facets: facets)
        #expect(page.contains("<div class=\"results\"><div class=\"listing\"><ol class=\"hits\""))
        #expect(page.contains("<aside class=\"facets\" aria-label=\"Narrow the search\">"))
        #expect(page.contains("<section class=\"facet\" id=\"facet-source\""))
    }
}
