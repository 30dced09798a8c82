import Foundation
import Testing
import SiftwireRuntime

@Suite("Store layout")
struct StoreLayoutTests {
    @Test func everyStoreLivesInItsServicesFolderUnderTheDataDirectory() {
        let layout = StoreLayout(data: "/srv/siftwire")
        #expect(layout.ingest == "/srv/siftwire/ingest/ingest.sqlite")
        #expect(layout.extract == "/srv/siftwire/extract/extract.sqlite")
        #expect(layout.index == "/srv/siftwire/index/index.sqlite")
        #expect(layout.query == "/srv/siftwire/query/query.sqlite")
        #expect(layout.feeds == "/srv/siftwire/feeds/feeds.sqlite")
    }
}
