/// Plain text from HTML: the same tokenizer and tree as the article extractor, rendered as
/// paragraphs (block elements and `<br>` break lines; inline whitespace collapses). Used for feed
/// descriptions and content, and by the extractor for the blocks it keeps.
public enum HTMLText {
    /// The text of an HTML fragment or page, scripts, styles, forms and hidden elements left out,
    /// paragraphs separated by blank lines.
    public static func plainText(_ html: String) -> String {
        let root = Markup.parse(html, xml: false)
        HTMLArticleExtractor.pruneUnconditionally(root)
        return blocks(in: root).map(\.text).joined(separator: "\n\n")
    }

    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "dd", "details", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li",
        "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
        "ul", "#root", "center", "caption", "noscript", "menu",
    ]

    /// A run of text between block boundaries, with the element that holds it.
    struct Block {
        var text: String
        /// The nearest block-level element around the text.
        unowned var owner: MarkupNode
        var words: Int
        var linkWords: Int
        var linkDensity: Double { words == 0 ? 0 : Double(linkWords) / Double(words) }
        var isHeading: Bool { ["h1", "h2", "h3", "h4", "h5", "h6"].contains(owner.name) }
    }

    /// The text blocks under `root`, in document order.
    static func blocks(in root: MarkupNode) -> [Block] {
        var result: [Block] = []
        var current = ""
        var words = 0
        var linkWords = 0
        var pendingSpace = false

        func flush(_ owner: MarkupNode) {
            if words > 0 || !current.isEmpty {
                let text = current.trimmingWhitespace()
                if !text.isEmpty { result.append(Block(text: text, owner: owner, words: words, linkWords: linkWords)) }
            }
            current = ""
            words = 0
            linkWords = 0
            pendingSpace = false
        }

        func addText(_ text: String, inLink: Bool, preformatted: Bool) {
            var inWord = false
            for scalar in text.unicodeScalars {
                let isSpace = scalar.properties.isWhitespace
                if isSpace && !preformatted {
                    pendingSpace = true
                    inWord = false
                    continue
                }
                if pendingSpace && !current.isEmpty { current.unicodeScalars.append(" ") }
                pendingSpace = false
                current.unicodeScalars.append(scalar)
                let isWordScalar = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                if isWordScalar && !inWord {
                    words += 1
                    if inLink { linkWords += 1 }
                }
                inWord = isWordScalar || (inWord && (scalar == "'" || scalar == "\u{2019}" || scalar == "-"))
            }
        }

        func walk(_ node: MarkupNode, owner: MarkupNode, inLink: Bool, preformatted: Bool) {
            for child in node.children {
                if child.isText {
                    addText(child.text, inLink: inLink, preformatted: preformatted)
                } else if child.name == "br" {
                    flush(owner)
                } else if blockElements.contains(child.name) {
                    flush(owner)
                    walk(child, owner: child, inLink: inLink, preformatted: preformatted || child.name == "pre")
                    flush(child)
                } else {
                    if child.name == "img", let alt = child.attribute("alt"), alt.isEmpty { continue }
                    walk(child, owner: owner, inLink: inLink || child.name == "a", preformatted: preformatted)
                    // Inline elements that separate words.
                    if ["td", "th", "label", "option"].contains(child.name) { pendingSpace = true }
                }
            }
        }
        walk(root, owner: root, inLink: false, preformatted: false)
        flush(root)
        return result
    }
}
