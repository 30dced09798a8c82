import Foundation
import SiftwireProtocol
import Testing
@testable import SiftwireWeb

@Suite("HTML escaping and URLs")
struct HTMLTests {
    @Test func textIsEscaped() {
        #expect(HTML.text("<script>alert('x')</script> & \"q\"").rendered
            == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;")
    }

    @Test func attributeValuesAreEscapedAndQuoted() {
        let element = HTML.element("input", [("value", "\" onfocus=\"alert(1)"), ("name", "q")])
        #expect(element.rendered == "<input value=\"&quot; onfocus=&quot;alert(1)\" name=\"q\">")
    }

    @Test func dangerousURLsBecomeFragments() {
        for url in ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>", "vbscript:x", "//evil.example/x", "java\tscript:x", "/\\evil"] {
            #expect(HTML.safeURL(url) == "#", "\(url)")
        }
        #expect(HTML.safeURL("/entity/loc:idlib") == "/entity/loc:idlib")
        #expect(HTML.safeURL("https://example.org/a?b=c") == "https://example.org/a?b=c")
        #expect(HTML.element("a", [("href", "javascript:alert(1)")], [.text("x")]).rendered == "<a href=\"#\">x</a>")
    }

    @Test func snippetMarksOnlyTheBracketedMatches() {
        #expect(Pages.snippet("near [Idlib] <b>x</b>").rendered == "near <mark>Idlib</mark> &lt;b&gt;x&lt;/b&gt;")
    }

    @Test func pathsEncodeTheirParts() {
        #expect(Paths.entity("org:hts") == "/entity/org:hts")
        #expect(Paths.entity("a/b?c#d") == "/entity/a%2Fb%3Fc%23d")
        #expect(Paths.search("al-Jolani & co", type: "PERSON") == "/search?q=al-Jolani%20%26%20co&type=PERSON")
        #expect(FormData.parse("q=al-Jolani+%26+co&type=PERSON&empty=") == ["q": "al-Jolani & co", "type": "PERSON", "empty": ""])
    }

    @Test func nextAfterSignInStaysOnThisSite() {
        #expect(safeNext("/entity/x?y=1") == "/entity/x?y=1")
        #expect(safeNext("//evil.example") == "/")
        #expect(safeNext("https://evil.example") == "/")
        #expect(safeNext(nil) == "/")
    }

    /// A hostile document: every piece of its text, title and URL renders as inert text.
    @Test func hostileDocumentRendersInert() {
        let text = "Hello <script>alert(1)</script> <img src=x onerror=alert(2)> <a href=\"javascript:alert(3)\">click</a> Idlib."
        let idlib = text.unicodeScalars.count - 6
        let document = IndexedDocument(id: "doc-<x>", hash: "h", title: "<img src=x onerror=alert(4)>", text: text, source: "s\"><script>",
                                       date: "2024-01-02", url: "javascript:alert(5)")
        let view = DocumentView(document: document, mentions: [
            .init(entityID: "loc:idlib\"><script>", name: "Idlib<script>", type: .location, text: "Idlib", start: idlib, end: idlib + 5),
        ], dates: [])
        let identity = Identity(account: .init(id: 1, name: "ana", role: .viewer), csrfToken: "t")
        let page = Pages.document(identity: identity, view: view, claims: nil)
        #expect(!page.contains("<script"))
        #expect(!page.contains("<img"))
        // The hostile markup is there only as text: no tag carries an event handler or a javascript: URL.
        #expect(page.firstMatch(of: #/<[a-z][^>]*\son[a-z]+=/#) == nil)
        #expect(page.firstMatch(of: #/(href|src|action)="\s*javascript:/#.ignoresCase()) == nil)
        #expect(page.contains("<a href=\"#\" rel=\"noopener noreferrer nofollow\">javascript:alert(5)</a>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("&lt;img src=x onerror=alert(2)&gt;"))
        #expect(page.contains("<a href=\"/entity/loc:idlib%22%3E%3Cscript%3E\" class=\"mention type-location\""))
    }

    @Test func annotatedTextUsesCodePointOffsets() {
        // "Ḥamā" has a combining-free precomposed letter; an emoji before it is one code point, two UTF-16 units.
        let text = "😀 Ḥamā and Idlib"
        let mentions = [DocumentView.EntityMention(entityID: "loc:idlib", name: "Idlib", type: .location, text: "Idlib", start: 11, end: 16)]
        let html = Pages.annotatedText(text, mentions: mentions, dates: [ExtractedDate(text: "Ḥamā", value: nil, start: 2, end: 6)]).rendered
        #expect(html.contains(">Idlib</a>"))
        #expect(html.contains(">Ḥamā</mark>"))
    }
}
