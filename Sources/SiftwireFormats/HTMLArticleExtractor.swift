import Foundation

/// An article read from an HTML page: its main text and what the page says about it.
public struct HTMLArticle: Sendable, Equatable {
    /// The main text, paragraphs separated by blank lines; empty when the page has none.
    public var text: String
    public var title: String?
    /// `og:site_name`, else the JSON-LD publisher.
    public var source: String?
    /// `<link rel=canonical>`, else `og:url`, else the JSON-LD url.
    public var url: String?
    /// Normalised (`PublicationDate`): `article:published_time`, JSON-LD `datePublished`, date metas, `<time datetime>`.
    public var published: String?
    /// `<html lang>`, else `Content-Language`, `og:locale`, JSON-LD `inLanguage`.
    public var language: String?
    /// `<meta name=author>`, `article:author`, JSON-LD author names.
    public var author: String?
    /// `article:tag` metas, else keywords.
    public var tags: [String] = []

    public var record: DocumentRecord {
        DocumentRecord(text: text, title: title, source: source, url: url, published: published,
                       language: language, author: author, tags: tags)
    }
}

/// Main-text extraction from news pages, by content scoring.
///
/// 1. Parse with the tolerant tokenizer; drop what is never article text (scripts, styles, forms,
///    navigation, headers and footers, asides, figures, hidden elements, ARIA banners/navigation/
///    dialogs), and any element whose class or id names boilerplate (menu, share, social, comments,
///    related, cookie/consent, newsletter, promo, advert, byline…) unless it holds the article.
/// 2. Cut the rest into text blocks (paragraphs, list items, headings, text runs between `<br>`s),
///    each with its word count and the share of its words inside links.
/// 3. Score containers: a block of enough words and few links gives its non-link words to the
///    element around it, half to the next one up, a quarter to the one above; class/id naming
///    content (article, story, body, post, entry…) and `<article>`/`<main>` raise a score.
/// 4. Keep the best container and its continuations — siblings of the same element and class with
///    substantial text and few links (a story split by an ad slot); an `<article>` stands alone.
///    Emit their blocks in order, leaving out link-heavy ones, very short labels, datelines,
///    headings or short lines that announce boilerplate ("Related", "Read more", "Share this"),
///    contributor disclaimers, text repeated from a longer block (pull quotes) and the headline
///    repeated in the body. When JSON-LD carries an `articleBody` more than twice as long as what
///    was found, that is the text.
///
/// Class and id hints are whole words of the attribute ("share-bar" → share, bar), plus the
/// letters run together ("sharebar"), so "shadow" never matches "ad".
public enum HTMLArticleExtractor {
    /// A `DocumentRecord` for the page; `missing_text` when it has no article text. `url` is used
    /// when the page names no canonical URL.
    public static func record(html: String, url: String? = nil) throws(FormatError) -> DocumentRecord {
        var article = extract(html: html)
        if article.url == nil { article.url = url }
        guard !article.text.allSatisfy(\.isWhitespace) else {
            throw FormatError(.missingText, "the page has no article text")
        }
        return article.record
    }

    public static func extract(html: String) -> HTMLArticle {
        let root = Markup.parse(html, xml: false)
        var article = HTMLArticle(text: "")
        let metadata = Metadata(root)
        pruneUnconditionally(root)
        pruneByHints(root)
        let body = root.first { $0.name == "body" } ?? root
        let blocks = HTMLText.blocks(in: body)
        article.text = mainText(blocks, body: body)
        if let articleBody = metadata.jsonLD?["articleBody"] as? String,
           wordCount(article.text) * 2 < wordCount(articleBody) {
            article.text = articleBody.trimmingWhitespace()
        }
        metadata.fill(&article, root: root)
        // The headline repeated in the body (a styled div or <b> over the text) is not body text.
        if let title = article.title {
            let key = normalisedWords(title)
            let paragraphs = article.text.components(separatedBy: "\n\n")
            if paragraphs.contains(where: { normalisedWords($0) == key }) {
                article.text = paragraphs.filter { normalisedWords($0) != key }.joined(separator: "\n\n")
            }
        }
        return article
    }

    // MARK: Pruning

    static let neverContent: Set<String> = [
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "form", "button",
        "select", "input", "textarea", "nav", "footer", "aside", "header", "figure", "dialog", "menu", "head",
        "video", "audio", "map",
    ]
    static let fragmentNeverContent: Set<String> = [
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "form", "button",
        "select", "input", "textarea", "head", "video", "audio",
    ]
    static let boilerplateRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "menu", "menubar", "search"]

    /// Removes scripts, styles, forms and hidden elements (for any HTML, fragments too).
    static func pruneUnconditionally(_ root: MarkupNode) {
        for node in root.descendants(where: { fragmentNeverContent.contains($0.name) || isHidden($0) }) { node.remove() }
    }

    static func isHidden(_ node: MarkupNode) -> Bool {
        if node.attribute("hidden") != nil || node.attribute("aria-hidden") == "true" { return true }
        if let style = node.attribute("style")?.lowercased().replacingOccurrences(of: " ", with: ""),
           style.contains("display:none") || style.contains("visibility:hidden") { return true }
        return false
    }

    /// Class and id words that mark boilerplate, matched as whole words of the class/id.
    static let negativeWords: Set<String> = [
        "nav", "navbar", "navigation", "menu", "menus", "footer", "header", "masthead", "sidebar", "aside", "comment",
        "comments", "discussion", "disqus", "replies", "reply", "share", "sharing", "sharebar", "social", "socials",
        "related", "recommended", "recommendations", "outbrain", "taboola", "cookie", "cookies", "consent", "gdpr",
        "banner", "promo", "promotion", "advert", "advertisement", "ad", "ads", "adslot", "sponsor", "sponsored",
        "newsletter", "subscribe", "subscription", "signup", "breadcrumb", "breadcrumbs", "pagination", "pager",
        "popup", "modal", "overlay", "widget", "trending", "popular", "mostread", "byline", "author", "bio", "tags",
        "tag", "toolbar", "tools", "login", "skip", "print", "caption", "credit", "credits", "meta", "dateline",
        "timestamp", "more", "readmore", "teaser", "teasers", "rail", "feedback", "follow", "donate", "paywall",
        // The summary above an article and quotes pulled out of it (the text repeats in the article).
        "standfirst", "dek", "strapline", "kicker", "pullquote",
        // Boxes of facts beside the story.
        "factbox", "infobox", "keyfacts",
        // Embedded social-media posts.
        "tweet", "twitter", "instagram", "embed", "embedded",
    ]
    static let positiveWords: Set<String> = [
        "article", "content", "story", "body", "post", "entry", "main", "text", "news", "report", "prose", "copy",
    ]

    static func classWords(_ node: MarkupNode) -> [String] {
        let raw = ((node.attribute("class") ?? "") + " " + (node.attribute("id") ?? "")).lowercased()
        var words = raw.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        // Words run together, as in "sharebar" or "relatedstories", count too.
        words += raw.split { $0.isWhitespace }.map { $0.filter { $0.isLetter } }
        return words
    }

    static func isNegative(_ node: MarkupNode) -> Bool {
        if let role = node.attribute("role")?.lowercased(), boilerplateRoles.contains(role) { return true }
        let words = classWords(node)
        if words.contains(where: { negativeWords.contains($0) }) { return true }
        return words.contains { w in ["relatedstories", "relatedlinks", "sharebuttons", "sharetools", "cookiebanner", "cookieconsent", "socialshare", "commentlist"].contains(w) }
    }

    /// Holds the article itself, so is kept whatever its class says.
    static func holdsArticle(_ node: MarkupNode) -> Bool {
        if ["html", "body", "article", "main", "#root"].contains(node.name) { return true }
        if node.attribute("itemprop") == "articleBody" { return true }
        return node.first { d in
            if d.name == "article" || d.name == "main" || d.attribute("itemprop") == "articleBody" { return true }
            // A content-named element with paragraphs of its own, inside a wrapper like "page has-sidebar".
            let words = classWords(d)
            return words.contains { positiveWords.contains($0) } && !isNegative(d)
                && d.children.filter { $0.name == "p" }.count >= 3
        } != nil
    }

    static func pruneByHints(_ root: MarkupNode) {
        var stack = [root]
        while let node = stack.popLast() {
            for child in node.children where !child.isText {
                if (neverContent.contains(child.name) && !holdsArticle(child)) || (isNegative(child) && !holdsArticle(child)) {
                    child.remove()
                } else {
                    stack.append(child)
                }
            }
        }
    }

    // MARK: Scoring

    static let paragraphLike: Set<String> = ["p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "td", "th"]

    static func mainText(_ blocks: [HTMLText.Block], body: MarkupNode) -> String {
        guard !blocks.isEmpty else { return "" }
        var scores: [ObjectIdentifier: (node: MarkupNode, score: Double)] = [:]
        for block in blocks where block.words >= 6 && block.linkDensity < 0.34 && !block.isHeading {
            let value = Double(block.words - block.linkWords)
            var container: MarkupNode? = paragraphLike.contains(block.owner.name) ? block.owner.parent : block.owner
            // A list item's words go to its list's container.
            if container?.name == "ul" || container?.name == "ol" { container = container?.parent }
            var share = 1.0
            while let c = container, share >= 0.25 {
                scores[ObjectIdentifier(c), default: (c, 0)].score += value * share
                share /= 2
                container = c.parent
            }
        }
        for (key, entry) in scores { scores[key]!.score = entry.score * hintWeight(entry.node) }
        guard let best = scores.values.max(by: { $0.score < $1.score })?.node else {
            return render(blocks.filter { !isBoilerplate($0) })
        }
        // Continuations of the best container: siblings of the same element and class that carry
        // article text too (a story split in two by an ad slot or a promo). An <article> stands alone.
        var kept: [MarkupNode] = [best]
        if let parent = best.parent, best.name != "body", best.name != "article" {
            let bestWords = contentWords(blocks, under: best)
            for sibling in parent.children where sibling !== best && !sibling.isText
                && sibling.name == best.name && sibling.attribute("class") == best.attribute("class") {
                let words = contentWords(blocks, under: sibling)
                if words >= max(20, bestWords / 5), linkDensity(blocks, under: sibling) < 0.25 { kept.append(sibling) }
            }
        }
        let chosen = blocks.filter { block in kept.contains { block.owner.isDescendant(of: $0) } }
            .filter { !isBoilerplate($0) && $0.owner.name != "h1" }
        return render(withoutRepeats(chosen))
    }

    /// Drops a block whose words all appear, in order, in another kept block: pull quotes and
    /// highlighted excerpts repeat the article's own sentences.
    static func withoutRepeats(_ blocks: [HTMLText.Block]) -> [HTMLText.Block] {
        let normalised = blocks.map { " " + normalisedWords($0.text) + " " }
        guard blocks.count <= 400 else { return blocks }  // quadratic; real articles are far shorter
        return blocks.indices.filter { i in
            guard blocks[i].words >= 5, blocks[i].words <= 80 else { return true }
            return !normalised.indices.contains { j in j != i && normalised[j].count > normalised[i].count && normalised[j].contains(normalised[i]) }
        }.map { blocks[$0] }
    }

    static func hintWeight(_ node: MarkupNode) -> Double {
        var weight = 1.0
        if node.name == "article" || node.name == "main" || node.attribute("itemprop") == "articleBody" { weight += 0.3 }
        let words = classWords(node)
        if words.contains(where: { positiveWords.contains($0) }) { weight += 0.25 }
        if words.contains(where: { negativeWords.contains($0) }) { weight -= 0.5 }
        return weight
    }

    static func contentWords(_ blocks: [HTMLText.Block], under node: MarkupNode) -> Int {
        blocks.reduce(0) { $0 + ($1.owner.isDescendant(of: node) && $1.linkDensity < 0.34 ? $1.words - $1.linkWords : 0) }
    }

    static func linkDensity(_ blocks: [HTMLText.Block], under node: MarkupNode) -> Double {
        var words = 0, links = 0
        for block in blocks where block.owner.isDescendant(of: node) {
            words += block.words
            links += block.linkWords
        }
        return words == 0 ? 1 : Double(links) / Double(words)
    }

    static let boilerplatePhrases = [
        "related", "read more", "read also", "see also", "more on this", "more from", "most read", "most popular",
        "share this", "share on", "follow us", "sign up", "subscribe", "newsletter", "advertisement", "sponsored",
        "comments", "leave a comment", "all rights reserved", "cookies", "click here", "you may also like",
        "recommended", "latest news", "top stories", "trending", "back to top", "copyright", "©",
    ]

    static let disclaimerPhrases = [
        "views expressed", "opinions expressed", "do not necessarily reflect", "are his own", "are her own",
        "are their own", "are the author's own",
    ]

    static func isBoilerplate(_ block: HTMLText.Block) -> Bool {
        if block.linkDensity > 0.5 { return true }
        let lower = block.text.lowercased()
        if block.words <= 12, boilerplatePhrases.contains(where: { lower.contains($0) }) { return true }
        // Contributor notes and disclaimers under opinion pieces.
        if block.words <= 45, disclaimerPhrases.contains(where: { lower.contains($0) }) { return true }
        // Labels and stray words ("Advertisement", "Photo: AFP") that are no sentence and no heading.
        let endsSentence = lower.last.map { ".!?\"”'’:".contains($0) } ?? false
        // Cells of a data table are short by nature and stay when their table is in the article
        // (a layout table's cell holding the whole article is no data cell).
        let dataCell = (block.owner.name == "td" || block.owner.name == "th") && wordCount(block.owner.textContent) < 12
        if block.words < 4, !block.isHeading, !dataCell, !endsSentence { return true }
        // Datelines and timestamps: "Damascus, 25 February 2018", "Updated 5 July 2016 10:30".
        if block.words <= 8, !endsSentence, !dataCell, isDateLine(block.text) { return true }
        return false
    }

    /// Whether the text, less up to three leading words (a place, "Published"), is a date.
    static func isDateLine(_ text: String) -> Bool {
        var words = text.split(separator: " ")
        for _ in 0...3 where !words.isEmpty {
            if PublicationDate.normalize(words.joined(separator: " ")) != nil { return true }
            words.removeFirst()
        }
        return false
    }

    static func render(_ blocks: [HTMLText.Block]) -> String {
        blocks.map(\.text).joined(separator: "\n\n")
    }

    static func normalisedWords(_ s: String) -> String {
        s.lowercased().split { !($0.isLetter || $0.isNumber) }.joined(separator: " ")
    }

    static func wordCount(_ s: String) -> Int {
        s.split { !($0.isLetter || $0.isNumber) }.count
    }

    // MARK: Metadata

    struct Metadata {
        var metas: [String: String] = [:]
        var tags: [String] = []
        var canonical: String?
        var titleTag: String?
        var h1: String?
        var lang: String?
        var jsonLD: [String: Any]?
        var timeDatetime: String?

        init(_ root: MarkupNode) {
            for node in root.descendants(where: { ["meta", "link", "title", "html", "h1", "time", "script"].contains($0.name) }) {
                switch node.name {
                case "meta":
                    guard let key = (node.attribute("property") ?? node.attribute("name") ?? node.attribute("itemprop") ?? node.attribute("http-equiv"))?.lowercased(),
                          let content = node.attribute("content")?.trimmingWhitespace(), !content.isEmpty else { continue }
                    if key == "article:tag" { tags.append(content) }
                    if metas[key] == nil { metas[key] = content }
                case "link":
                    let rel = (node.attribute("rel") ?? "").lowercased().split(separator: " ")
                    if rel.contains("canonical"), canonical == nil, let href = node.attribute("href"), !href.isEmpty { canonical = href.trimmingWhitespace() }
                case "title":
                    if titleTag == nil { titleTag = collapse(node.textContent) }
                case "html":
                    if lang == nil, let l = node.attribute("lang") ?? node.attribute("xml:lang"), !l.isEmpty { lang = l }
                case "h1":
                    if h1 == nil { h1 = collapse(node.textContent) }
                case "time":
                    if let dt = node.attribute("datetime"), !dt.isEmpty,
                       timeDatetime == nil || node.attribute("itemprop") == "datePublished" || node.attribute("pubdate") != nil {
                        timeDatetime = dt
                    }
                case "script":
                    guard jsonLD == nil, node.attribute("type")?.lowercased() == "application/ld+json",
                          let data = node.textContent.data(using: .utf8),
                          let json = try? JSONSerialization.jsonObject(with: data) else { continue }
                    jsonLD = Self.article(in: json)
                default: break
                }
            }
        }

        /// The first Article-like object in JSON-LD (top level, array, or `@graph`).
        static func article(in json: Any) -> [String: Any]? {
            var candidates: [[String: Any]] = []
            var queue: [Any] = [json]
            while let item = queue.popLast() {
                if let array = item as? [Any] { queue.append(contentsOf: array.reversed()) }
                if let object = item as? [String: Any] {
                    candidates.append(object)
                    if let graph = object["@graph"] { queue.append(graph) }
                }
            }
            func types(_ o: [String: Any]) -> [String] {
                (o["@type"] as? String).map { [$0] } ?? (o["@type"] as? [String]) ?? []
            }
            return candidates.first { types($0).contains { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" } }
                ?? candidates.first { $0["datePublished"] != nil || $0["headline"] != nil }
        }

        func string(_ key: String) -> String? {
            guard let value = jsonLD?[key] else { return nil }
            if let s = value as? String { return s.trimmingWhitespace().isEmpty ? nil : s.trimmingWhitespace() }
            return nil
        }

        /// A JSON-LD person or organisation: a name, an object with `name`, or a list of them.
        static func names(_ value: Any?) -> [String] {
            switch value {
            case let s as String: return [s]
            case let o as [String: Any]: return (o["name"] as? String).map { [$0] } ?? []
            case let a as [Any]: return a.flatMap { names($0) }
            default: return []
            }
        }

        func fill(_ article: inout HTMLArticle, root: MarkupNode) {
            article.source = metas["og:site_name"] ?? Self.names(jsonLD?["publisher"]).first ?? metas["application-name"]
            article.title = metas["og:title"] ?? string("headline") ?? metas["twitter:title"] ?? cleanTitle(source: article.source)
            article.url = canonical ?? metas["og:url"] ?? string("url") ?? (jsonLD?["mainEntityOfPage"] as? [String: Any])?["@id"] as? String
                ?? string("mainEntityOfPage")
            let dates = [metas["article:published_time"], string("datePublished"), metas["datepublished"], metas["date"],
                         metas["pubdate"], metas["dc.date"], metas["dc.date.issued"], metas["parsely-pub-date"],
                         metas["og:published_time"], timeDatetime, metas["article:modified_time"], string("dateModified")]
            article.published = dates.lazy.compactMap { $0.flatMap(PublicationDate.normalize) }.first
            article.language = lang ?? metas["content-language"] ?? metas["og:locale"].map { $0.replacingOccurrences(of: "_", with: "-") }
                ?? string("inLanguage")
            let metaAuthor = [metas["author"], metas["article:author"], metas["dc.creator"]].compactMap { $0 }
                .first { !$0.hasPrefix("http") }
            let ldAuthors = Self.names(jsonLD?["author"])
            article.author = metaAuthor ?? (ldAuthors.isEmpty ? nil : ldAuthors.joined(separator: ", "))
            if !tags.isEmpty {
                article.tags = tags
            } else if let keywords = metas["news_keywords"] ?? metas["keywords"] ?? string("keywords") {
                article.tags = RecordBuilder.splitTags(keywords)
            } else if let list = jsonLD?["keywords"] as? [String] {
                article.tags = list
            }
        }

        /// `<title>` without the outlet's name around it, or the first `<h1>`.
        func cleanTitle(source: String?) -> String? {
            if let h1, !h1.isEmpty, let titleTag, titleTag.contains(h1) { return h1 }
            guard var title = titleTag, !title.isEmpty else { return h1 }
            for separator in [" | ", " – ", " — ", " - ", " :: "] {
                let parts = title.components(separatedBy: separator)
                guard parts.count > 1 else { continue }
                if let source, let index = parts.firstIndex(where: { $0.trimmingWhitespace().lowercased() == source.lowercased() }) {
                    var rest = parts
                    rest.remove(at: index)
                    title = rest.joined(separator: separator)
                } else if let longest = parts.max(by: { $0.count < $1.count }), parts.count == 2 {
                    title = longest
                }
                break
            }
            return title.trimmingWhitespace()
        }
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
