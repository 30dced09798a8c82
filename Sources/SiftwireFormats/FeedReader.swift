/// A feed read from an RSS 2.0 (or 1.0) or Atom document.
public struct Feed: Sendable {
    public enum Kind: String, Sendable { case rss, atom }
    public var kind: Kind
    /// The channel or feed title: the outlet name every item gets as its source.
    public var title: String?
    public var link: String?
    public var language: String?
    /// One per item or entry, in document order; `line` is the item's position (1-based).
    public var items: [RecordResult]
}

/// RSS 2.0/1.0 items and Atom entries as `DocumentRecord`s.
///
/// Per item: title; link (Atom: `rel="alternate"` or no rel); guid/id as the record id;
/// `pubDate`/`dc:date`/`published`/`updated` normalised (an unreadable date is dropped, not an
/// error); text from `content:encoded`, else `description` (Atom: `content`, else `summary`) with
/// the HTML turned to plain text by `HTMLText`, and the title when an item has no text at all;
/// `author`/`dc:creator`/Atom author names; categories (`category`, `dc:subject`, Atom `term`) as
/// tags; the feed's title as source and its language. CDATA, character references and namespace
/// prefixes (declared or the conventional `content:`, `dc:`, `atom:`) are handled by the shared
/// tokenizer.
public enum FeedReader {
    public static func read(xml: String) throws(FormatError) -> Feed {
        let root = Markup.parse(xml, xml: true)
        Markup.resolveNamespaces(root)
        guard let top = root.children.first(where: { !$0.isText }) else {
            throw FormatError(.notAFeed, "no XML element found; expected <rss> or Atom <feed>")
        }
        switch top.localName {
        case "rss", "rdf":
            let channel = top.children.first { $0.localName == "channel" }
            let itemParents = [top] + (channel.map { [$0] } ?? [])
            let items = itemParents.flatMap { $0.children.filter { $0.localName == "item" } }
            let title = channel.flatMap { textOf($0.child("title")) }
            let language = channel.flatMap { textOf($0.child("language") ?? $0.child("language", ns: Markup.Namespace.dublinCore)) }
            var feed = Feed(kind: .rss, title: title, link: channel.flatMap { textOf($0.child("link")) }, language: language, items: [])
            for (index, item) in items.enumerated() {
                feed.items.append(result(index + 1) { () throws(FormatError) in try rssItem(item, feed: feed) })
            }
            return feed
        case "feed":
            let title = textOf(top.child("title", ns: Markup.Namespace.atom))
            var feed = Feed(kind: .atom, title: title, link: atomLink(top), language: top.attribute("xml:lang"), items: [])
            for (index, entry) in top.children.filter({ $0.localName == "entry" }).enumerated() {
                feed.items.append(result(index + 1) { () throws(FormatError) in try atomEntry(entry, feed: feed) })
            }
            return feed
        default:
            throw FormatError(.notAFeed, "the root element is <\(top.name)>, not <rss> or Atom <feed>")
        }
    }

    static func result(_ position: Int, _ make: () throws(FormatError) -> DocumentRecord) -> RecordResult {
        do throws(FormatError) {
            return RecordResult(line: position, result: .success(try make()))
        } catch {
            var e = error
            e.message = "item \(position): " + e.message
            return RecordResult(line: position, result: .failure(e))
        }
    }

    static func rssItem(_ item: MarkupNode, feed: Feed) throws(FormatError) -> DocumentRecord {
        let title = textOf(item.child("title")).map(htmlToText)
        let body = [item.child("encoded", ns: Markup.Namespace.content), item.child("description")]
            .lazy.compactMap { self.textOf($0).map(htmlToText) }.first { !$0.isEmpty }
        guard let text = body ?? title else { throw FormatError(.missingText, "no title, description or content") }
        let date = [item.child("pubDate"), item.child("date", ns: Markup.Namespace.dublinCore), item.child("published", ns: Markup.Namespace.atom)]
            .lazy.compactMap { self.textOf($0).flatMap(PublicationDate.normalize) }.first
        let author = textOf(item.child("author")).map(rssAuthor) ?? textOf(item.child("creator", ns: Markup.Namespace.dublinCore))
        let tags = item.children.filter { $0.localName == "category" && ($0.namespace.isEmpty || $0.namespace == Markup.Namespace.rss1) }
            .compactMap { self.textOf($0) }
            + item.children.filter { $0.localName == "subject" && $0.namespace == Markup.Namespace.dublinCore }.compactMap { self.textOf($0) }
        let link = textOf(item.child("link")) ?? atomLink(item) ?? item.attribute("rdf:about")
        return DocumentRecord(text: text, title: title, source: feed.title, url: link, published: date,
                              language: feed.language, author: author, tags: tags, id: textOf(item.child("guid")))
    }

    static func atomEntry(_ entry: MarkupNode, feed: Feed) throws(FormatError) -> DocumentRecord {
        let ns = Markup.Namespace.atom
        let title = entry.child("title", ns: ns).flatMap(atomText)
        let body = [entry.child("content", ns: ns), entry.child("summary", ns: ns)].lazy.compactMap { $0.flatMap(atomText) }.first { !$0.isEmpty }
        guard let text = body ?? title else { throw FormatError(.missingText, "no title, content or summary") }
        let date = [entry.child("published", ns: ns), entry.child("updated", ns: ns)]
            .lazy.compactMap { self.textOf($0).flatMap(PublicationDate.normalize) }.first
        let authors = entry.children.filter { $0.localName == "author" && $0.namespace == ns }
            .compactMap { self.textOf($0.child("name", ns: ns)) }
        let tags = entry.children.filter { $0.localName == "category" && $0.namespace == ns }
            .compactMap { ($0.attribute("label") ?? $0.attribute("term"))?.trimmingWhitespace() }.filter { !$0.isEmpty }
        return DocumentRecord(text: text, title: title, source: feed.title, url: atomLink(entry), published: date,
                              language: entry.attribute("xml:lang") ?? feed.language,
                              author: authors.isEmpty ? nil : authors.joined(separator: ", "), tags: tags,
                              id: textOf(entry.child("id", ns: ns)))
    }

    /// An Atom text construct: `type="html"` is HTML, `xhtml` is inline markup, else plain text.
    static func atomText(_ node: MarkupNode) -> String? {
        switch node.attribute("type")?.lowercased() {
        case "html", "text/html": return textOf(node).map(htmlToText)
        case "xhtml", "application/xhtml+xml":
            let rendered = HTMLText.blocks(in: node).map(\.text).joined(separator: "\n\n")
            return rendered.isEmpty ? nil : rendered
        default: return textOf(node).map(collapse)
        }
    }

    static func atomLink(_ node: MarkupNode) -> String? {
        let links = node.children.filter { $0.localName == "link" && $0.namespace == Markup.Namespace.atom }
        let link = links.first { ($0.attribute("rel") ?? "alternate") == "alternate" } ?? links.first
        return link?.attribute("href")?.trimmingWhitespace()
    }

    /// RSS `author` is an address, often `news@outlet.example (Jane Doe)`: the name when there is one.
    static func rssAuthor(_ raw: String) -> String {
        if let open = raw.firstIndex(of: "("), let close = raw.lastIndex(of: ")"), open < close {
            let name = raw[raw.index(after: open)..<close].trimmingWhitespace()
            if !name.isEmpty { return name }
        }
        return raw
    }

    static func htmlToText(_ s: String) -> String {
        s.contains("<") || s.contains("&") ? HTMLText.plainText(s) : collapse(s)
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    /// The element's text, trimmed; nil when absent or empty.
    static func textOf(_ node: MarkupNode?) -> String? {
        guard let node else { return nil }
        let t = node.textContent.trimmingWhitespace()
        return t.isEmpty ? nil : t
    }
}

extension MarkupNode {
    /// The first child element with this local name, in namespace `ns` ("" = none; RSS 1.0's
    /// namespace also counts as none).
    func child(_ local: String, ns: String = "") -> MarkupNode? {
        children.first { !$0.isText && $0.localName == local.lowercased() && ($0.namespace == ns || (ns.isEmpty && $0.namespace == Markup.Namespace.rss1)) }
    }
}
