/// A small, tolerant tag tokenizer and tree builder shared by the HTML and feed readers. It never
/// fails: unclosed tags are closed at the end, stray end tags are ignored, a `<` that opens no tag
/// is text. HTML mode lowercases names, knows void elements, raw-text `<script>`/`<style>` and the
/// usual implied end tags (`<p>`, `<li>`…); XML mode keeps names as written, honours `<x/>` and
/// reads CDATA sections. (Not XMLParser: the statically linked release build has no libxml2.)
final class MarkupNode {
    /// Element name (HTML: lowercased; XML: as written, with its prefix); empty for a text node.
    let name: String
    var attributes: [(name: String, value: String)]
    var children: [MarkupNode] = []
    weak var parent: MarkupNode?
    /// A text node's decoded text.
    var text: String
    /// XML only, after `Markup.resolveNamespaces`: the namespace URI of the element's name ("" for none).
    var namespace = ""

    init(name: String, attributes: [(name: String, value: String)] = [], text: String = "") {
        self.name = name
        self.attributes = attributes
        self.text = text
    }

    var isText: Bool { name.isEmpty }

    func attribute(_ name: String) -> String? {
        attributes.first { $0.name.lowercased() == name }?.value
    }

    /// The local part of an XML name (`content:encoded` → `encoded`), lowercased.
    var localName: String {
        if let colon = name.lastIndex(of: ":") { return name[name.index(after: colon)...].lowercased() }
        return name.lowercased()
    }

    func append(_ child: MarkupNode) {
        child.parent = self
        children.append(child)
    }

    /// Every descendant element, depth first, in document order.
    func descendants(where predicate: (MarkupNode) -> Bool) -> [MarkupNode] {
        var found: [MarkupNode] = []
        var stack = Array(children.reversed())
        while let node = stack.popLast() {
            if !node.isText && predicate(node) { found.append(node) }
            stack.append(contentsOf: node.children.reversed())
        }
        return found
    }

    func first(where predicate: (MarkupNode) -> Bool) -> MarkupNode? {
        var stack = Array(children.reversed())
        while let node = stack.popLast() {
            if !node.isText && predicate(node) { return node }
            stack.append(contentsOf: node.children.reversed())
        }
        return nil
    }

    func isDescendant(of ancestor: MarkupNode) -> Bool {
        var node: MarkupNode? = self
        while let n = node {
            if n === ancestor { return true }
            node = n.parent
        }
        return false
    }

    /// All text below, as written (whitespace not collapsed).
    var textContent: String {
        if isText { return text }
        var out = ""
        var stack = Array(children.reversed())
        while let node = stack.popLast() {
            if node.isText { out += node.text } else { stack.append(contentsOf: node.children.reversed()) }
        }
        return out
    }

    func remove() {
        parent?.children.removeAll { $0 === self }
        parent = nil
    }
}

enum Markup {
    enum Token {
        case start(name: String, attributes: [(name: String, value: String)], selfClosing: Bool)
        case end(name: String)
        case text(String)
    }

    static let maxDepth = 256

    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]
    static let rawTextElements: Set<String> = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed"]
    /// Start tags that end an open `<p>`.
    static let closesParagraph: Set<String> = [
        "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre",
        "section", "table", "ul", "li",
    ]

    /// Parses a whole document or fragment into a tree under an unnamed root.
    static func parse(_ source: String, xml: Bool) -> MarkupNode {
        let root = MarkupNode(name: "#root")
        var stack: [MarkupNode] = [root]
        func close(_ name: String) {
            if let index = stack.lastIndex(where: { $0.name == name }), index > 0 { stack.removeSubrange(index...) }
        }
        func openIndex(_ name: String, stoppingAt barriers: Set<String>) -> Int? {
            for index in stack.indices.reversed().dropLast() {
                if stack[index].name == name { return index }
                if barriers.contains(stack[index].name) { return nil }
            }
            return nil
        }
        tokenize(source, xml: xml) { token in
            switch token {
            case .text(let text):
                if let last = stack.last!.children.last, last.isText { last.text += text } else { stack.last!.append(MarkupNode(name: "", text: text)) }
            case .start(let name, let attributes, let selfClosing):
                if !xml {
                    if closesParagraph.contains(name), let p = openIndex("p", stoppingAt: ["div", "article", "section", "td", "li", "blockquote", "body"]) {
                        stack.removeSubrange(p...)
                    }
                    switch name {
                    case "li": if let i = openIndex("li", stoppingAt: ["ul", "ol"]) { stack.removeSubrange(i...) }
                    case "dt", "dd": if let i = openIndex("dd", stoppingAt: ["dl"]) ?? openIndex("dt", stoppingAt: ["dl"]) { stack.removeSubrange(i...) }
                    case "tr": if let i = openIndex("tr", stoppingAt: ["table"]) { stack.removeSubrange(i...) }
                    case "td", "th": if let i = openIndex("td", stoppingAt: ["tr", "table"]) ?? openIndex("th", stoppingAt: ["tr", "table"]) { stack.removeSubrange(i...) }
                    case "option": if let i = openIndex("option", stoppingAt: ["select"]) { stack.removeSubrange(i...) }
                    default: break
                    }
                }
                let node = MarkupNode(name: name, attributes: attributes)
                stack.last!.append(node)
                // Past `maxDepth` elements are kept as siblings, not nested: hostile nesting
                // cannot exhaust the stack of the recursive walks.
                if !(selfClosing || (!xml && voidElements.contains(name))), stack.count < maxDepth { stack.append(node) }
            case .end(let name):
                close(name)
            }
        }
        return root
    }

    /// The first index of `needle` in `b` at or after `from` (ASCII case folded when asked).
    static func find(_ needle: [UInt8], in b: [UInt8], from: Int, caseInsensitive: Bool = false) -> Int? {
        let n = b.count
        guard needle.count <= n else { return nil }
        var j = from
        while j + needle.count <= n {
            var k = 0
            while k < needle.count, (caseInsensitive ? b[j + k] | 0x20 == needle[k] | 0x20 : b[j + k] == needle[k]) { k += 1 }
            if k == needle.count { return j }
            j += 1
        }
        return nil
    }

    /// A start tag's attributes from `j` (just after its name): name="v", name='v', name=v, or a
    /// bare name; whether the tag closes itself, and where it ends (after its `>`).
    static func attributes(_ b: [UInt8], from start: Int, xml: Bool) -> (attributes: [(name: String, value: String)], selfClosing: Bool, end: Int) {
        let n = b.count
        var j = start
        var attributes: [(name: String, value: String)] = []
        var selfClosing = false
        while j < n {
            while j < n, isSpace(b[j]) { j += 1 }
            guard j < n else { break }
            if b[j] == UInt8(ascii: ">") { j += 1; break }
            if b[j] == UInt8(ascii: "/") {
                j += 1
                if j < n, b[j] == UInt8(ascii: ">") { selfClosing = true; j += 1; break }
                continue
            }
            let attrStart = j
            while j < n, !isSpace(b[j]), b[j] != UInt8(ascii: "="), b[j] != UInt8(ascii: ">"), !(b[j] == UInt8(ascii: "/") && j + 1 < n && b[j + 1] == UInt8(ascii: ">")) { j += 1 }
            var attrName = String(decoding: b[attrStart..<j], as: UTF8.self)
            if !xml { attrName = attrName.lowercased() }
            if j == attrStart { j += 1; continue }
            var k = j
            while k < n, isSpace(b[k]) { k += 1 }
            var value = ""
            if k < n, b[k] == UInt8(ascii: "=") {
                k += 1
                while k < n, isSpace(b[k]) { k += 1 }
                if k < n, b[k] == UInt8(ascii: "\"") || b[k] == UInt8(ascii: "'") {
                    let quote = b[k]
                    let valueEnd = find([quote], in: b, from: k + 1) ?? n
                    value = Entities.decode(b[(k + 1)..<valueEnd])
                    k = min(valueEnd + 1, n)
                } else {
                    let valueStart = k
                    while k < n, !isSpace(b[k]), b[k] != UInt8(ascii: ">") { k += 1 }
                    value = Entities.decode(b[valueStart..<k])
                }
                j = k
            }
            attributes.append((attrName, value))
        }
        return (attributes, selfClosing, j)
    }

    /// Calls `emit` with each token of `source` in order.
    static func tokenize(_ source: String, xml: Bool, _ emit: (Token) -> Void) {
        let b = Array(source.utf8)
        let n = b.count
        var i = 0
        var textStart = 0
        func flushText(_ end: Int) {
            if textStart < end { emit(.text(Entities.decode(b[textStart..<end]))) }
        }
        func find(_ needle: [UInt8], from: Int, caseInsensitive: Bool = false) -> Int? {
            Self.find(needle, in: b, from: from, caseInsensitive: caseInsensitive)
        }
        while i < n {
            guard b[i] == UInt8(ascii: "<"), i + 1 < n else { i += 1; continue }
            let c = b[i + 1]
            if c == UInt8(ascii: "!") {
                flushText(i)
                if b[(i + 2)...].starts(with: Array("--".utf8)) {
                    i = (find(Array("-->".utf8), from: i + 4) ?? n - 3) + 3
                } else if b[(i + 2)...].starts(with: Array("[CDATA[".utf8)) {
                    let end = find(Array("]]>".utf8), from: i + 9) ?? n
                    emit(.text(String(decoding: b[(i + 9)..<end], as: UTF8.self)))
                    i = min(end + 3, n)
                } else {
                    i = (find([UInt8(ascii: ">")], from: i + 2) ?? n - 1) + 1
                }
                textStart = i
                continue
            }
            if c == UInt8(ascii: "?") {
                flushText(i)
                i = (find(Array("?>".utf8), from: i + 2).map { $0 + 1 } ?? find([UInt8(ascii: ">")], from: i + 2) ?? n - 1) + 1
                textStart = i
                continue
            }
            let isEnd = c == UInt8(ascii: "/")
            var j = i + (isEnd ? 2 : 1)
            guard j < n, isNameStart(b[j]) else { i += 1; continue }
            flushText(i)
            let nameStart = j
            while j < n, !isSpace(b[j]), b[j] != UInt8(ascii: ">"), b[j] != UInt8(ascii: "/") { j += 1 }
            var name = String(decoding: b[nameStart..<j], as: UTF8.self)
            if !xml { name = name.lowercased() }
            if isEnd {
                i = (find([UInt8(ascii: ">")], from: j) ?? n - 1) + 1
                emit(.end(name: name))
                textStart = i
                continue
            }
            let (attributes, selfClosing, tagEnd) = Self.attributes(b, from: j, xml: xml)
            j = tagEnd
            emit(.start(name: name, attributes: attributes, selfClosing: selfClosing))
            i = j
            textStart = i
            if !xml, !selfClosing, rawTextElements.contains(name) {
                // Up to the matching end tag, as text: script and style bodies are not markup.
                let end = find(Array("</\(name)".utf8), from: i, caseInsensitive: true) ?? n
                if end > i {
                    let raw = b[i..<end]
                    emit(.text(name == "title" || name == "textarea" ? Entities.decode(raw) : String(decoding: raw, as: UTF8.self)))
                }
                emit(.end(name: name))
                i = min((find([UInt8(ascii: ">")], from: end) ?? n - 1) + 1, n)
                textStart = i
            }
        }
        flushText(n)
    }

    /// Sets each element's `namespace` from the `xmlns` and `xmlns:prefix` declarations in scope.
    /// An undeclared prefix that feeds commonly use without declaring (`content:`, `dc:`, `atom:`)
    /// gets its usual namespace.
    static func resolveNamespaces(_ root: MarkupNode) {
        func visit(_ node: MarkupNode, _ scope: [String: String]) {
            var scope = scope
            for (name, value) in node.attributes {
                if name == "xmlns" { scope[""] = value } else if name.hasPrefix("xmlns:") { scope[String(name.dropFirst(6))] = value }
            }
            let prefix = node.name.firstIndex(of: ":").map { String(node.name[..<$0]) } ?? ""
            node.namespace = scope[prefix] ?? conventionalNamespaces[prefix.lowercased()] ?? ""
            for child in node.children where !child.isText { visit(child, scope) }
        }
        for child in root.children where !child.isText { visit(child, [:]) }
    }

    static let conventionalNamespaces: [String: String] = [
        "content": Namespace.content, "dc": Namespace.dublinCore, "atom": Namespace.atom,
    ]

    enum Namespace {
        static let atom = "http://www.w3.org/2005/Atom"
        static let content = "http://purl.org/rss/1.0/modules/content/"
        static let dublinCore = "http://purl.org/dc/elements/1.1/"
        static let rss1 = "http://purl.org/rss/1.0/"
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C }
    static func isNameStart(_ c: UInt8) -> Bool { (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) || c >= 0x80 || c == UInt8(ascii: "_") }
}
