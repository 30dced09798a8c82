import Foundation
import SiftwireAccounts
import SiftwireProtocol
import Testing
@testable import SiftwireWeb

/// The document page's claims: marked in the text (an anchor per claim sentence) and listed with their parties linked.
@Suite("Document page: dates and claims")
struct DocumentPageTests {
    static func claim(_ id: Int, _ start: Int, _ end: Int, speaker: ClaimParty?, verb: String?, content: String? = nil,
                      event: ClaimRecord.Event? = nil, polarity: ClaimPolarity = .asserted) -> ClaimRecord {
        ClaimRecord(id: id, documentID: "d1", documentTitle: "T", documentDate: "2024-03-04", source: nil, sentence: 0, start: start, end: end,
                    speaker: speaker, verb: verb, content: content, event: event, polarity: polarity, modality: .asserted)
    }

    @Test func overlappingClaimsShareOneRegion() {
        let claims = [Self.claim(7, 20, 30, speaker: nil, verb: nil), Self.claim(5, 0, 10, speaker: nil, verb: nil),
                      Self.claim(6, 5, 12, speaker: nil, verb: nil), Self.claim(8, 25, 99, speaker: nil, verb: nil)]
        let (regions, anchors) = Pages.claimRegions(claims, length: 40)
        #expect(regions == [.init(start: 0, end: 12, anchor: "claim-5"), .init(start: 20, end: 30, anchor: "claim-7")])
        #expect(anchors == [5: "claim-5", 6: "claim-5", 7: "claim-7"]) // claim 8 runs past the text: not marked
    }

    @Test func claimRegionsWrapTheirMentionsAndDates() {
        let text = "Earlier. HTS said on 3 March it hit Idlib. Later."
        let hts = DocumentView.EntityMention(entityID: "org:hts", name: "Hay'at Tahrir al-Sham", type: .org, text: "HTS", start: 9, end: 12)
        let idlib = DocumentView.EntityMention(entityID: "loc:idlib", name: "Idlib", type: .location, text: "Idlib", start: 36, end: 41)
        let date = ExtractedDate(text: "3 March", value: "2024-03-03", start: 21, end: 28)
        let html = Pages.annotatedText(text, mentions: [hts, idlib], dates: [date], claims: [.init(start: 9, end: 42, anchor: "claim-1")]).rendered
        #expect(html.hasPrefix("Earlier. <span class=\"claim\" id=\"claim-1\"><a href=\"/entity/org:hts\""))
        #expect(html.contains("<mark class=\"date\" title=\"2024-03-03\">3 March</mark>"))
        #expect(html.contains(">Idlib</a>.</span> Later."))
    }

    @Test func theDocumentPageListsItsClaimsAndDatesWithLinkedParties() {
        let text = "Erdogan said MIT killed the leader on 30 April. <script>x</script>"
        let document = IndexedDocument(id: "d1", hash: "h", title: "T", text: text, source: nil, date: "2024-03-04")
        let view = DocumentView(document: document, mentions: [], dates: [ExtractedDate(text: "30 April", value: "2023-04-30", start: 38, end: 46)])
        let kill = ClaimRecord.Event(type: .kill, trigger: "killed", actor: ClaimParty(entityID: "org:mit", name: "National Intelligence Organization", text: "MIT"),
                                     target: ClaimParty(entityID: nil, name: "the leader", text: "the leader"), location: nil, date: "2023-04-30", quantity: nil)
        let claims = ClaimList(total: 2, offset: 0, claims: [
            Self.claim(1, 0, 47, speaker: ClaimParty(entityID: "person:erdogan", name: "Recep Tayyip Erdogan", text: "Erdogan"), verb: "say", event: kill),
            Self.claim(2, 48, 66, speaker: ClaimParty(entityID: nil, name: "<script>", text: "<script>"), verb: "deny", content: "<b>no</b>", polarity: .denied),
        ], limitCap: 200)
        let identity = Identity(account: .init(id: 1, name: "ana", role: .viewer), csrfToken: "t")
        let page = Pages.document(identity: identity, view: view, claims: claims)
        #expect(page.contains("<span class=\"claim\" id=\"claim-1\">Erdogan said MIT killed the leader on <mark class=\"date\" title=\"2023-04-30\">30 April</mark>.</span>"))
        #expect(page.contains("<h2 id=\"h-claims\">Claims (2)</h2>"))
        #expect(page.contains("<a href=\"/entity/person:erdogan\">Recep Tayyip Erdogan</a></span> → <em class=\"verb\">say</em> → <strong>kill</strong>: "
                              + "<span class=\"actor\"><a href=\"/entity/org:mit\">National Intelligence Organization</a></span> → <span class=\"target\">the leader</span>"))
        #expect(page.contains("<a href=\"#claim-1\" class=\"to-text\">in the text</a>"))
        #expect(page.contains("<ul class=\"dates\" id=\"doc-dates\"><li><mark class=\"date\">30 April</mark> → 2023-04-30</li></ul>"))
        #expect(page.contains("&lt;script&gt;</span> → <em class=\"verb\">deny</em>: <q>&lt;b&gt;no&lt;/b&gt;</q> (denied)"))
        #expect(!page.contains("<script") && !page.contains("<b>"))
    }
}
