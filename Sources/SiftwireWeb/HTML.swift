import Foundation

/// A fragment of HTML that is safe to send: every piece of text in it went through `HTML.escape`,
/// every URL attribute through `HTML.safeURL`, and tag and attribute names come from our own code.
///
/// The only way to make one from a string is `HTML.text` (escaped); markup is built with
/// `HTML.element`, so a document's `<script>`, `onerror=` or `javascript:` ends up as inert text.
public struct HTML: Sendable, Equatable, CustomStringConvertible {
    public let rendered: String

    fileprivate init(rendered: String) {
        self.rendered = rendered
    }

    public var description: String { rendered }

    public static let empty = HTML(rendered: "")

    /// Text content, escaped.
    public static func text(_ text: String) -> HTML {
        HTML(rendered: escape(text))
    }

    /// Elements that have no end tag.
    static let voidElements: Set<String> = ["br", "hr", "img", "input", "link", "meta"]

    /// SVG elements written self-closing (`<line … />`) when empty: inside `<svg>` the HTML parser
    /// reads foreign content, where a start tag without `/>` stays open.
    static let selfClosingSVG: Set<String> = ["rect", "circle", "line", "path"]

    /// Attributes whose value is a URL, checked by `safeURL`.
    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "xlink:href"]

    /// `<name attributes…>children…</name>`. Attribute values are escaped (and URLs checked); a nil
    /// value leaves the attribute out, an empty one writes it bare (`checked`).
    public static func element(_ name: String, _ attributes: [(String, String?)] = [], _ children: [HTML] = []) -> HTML {
        precondition(isName(name), "element name \(name)")
        var out = "<" + name
        for (attribute, value) in attributes {
            precondition(isName(attribute) && !attribute.lowercased().hasPrefix("on"), "attribute name \(attribute)")
            guard let value else { continue }
            if value.isEmpty && !urlAttributes.contains(attribute) {
                out += " " + attribute
                continue
            }
            let checked = urlAttributes.contains(attribute) ? safeURL(value) : value
            out += " " + attribute + "=\"" + escape(checked) + "\""
        }
        if selfClosingSVG.contains(name) && children.isEmpty { return HTML(rendered: out + " />") }
        out += ">"
        if voidElements.contains(name) && children.isEmpty { return HTML(rendered: out) }
        for child in children { out += child.rendered }
        out += "</" + name + ">"
        return HTML(rendered: out)
    }

    /// A whole page: the doctype and `<html>`.
    public static func document(_ html: HTML) -> String {
        "<!DOCTYPE html>\n" + html.rendered
    }

    public static func + (lhs: HTML, rhs: HTML) -> HTML {
        HTML(rendered: lhs.rendered + rhs.rendered)
    }

    /// Escapes `&`, `<`, `>`, `"` and `'`: safe in text and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\0": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A URL allowed in `href`/`src`/`action`: a path on this site (`/…`, not `//…`), a fragment, or
    /// an `http:`/`https:` URL. Anything else (`javascript:`, `data:`, `vbscript:`…) becomes `#`.
    public static func safeURL(_ url: String) -> String {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.contains(where: { $0.isNewline || $0 == "\t" || $0 == "\\" }) { return "#" }
        if trimmed.hasPrefix("#") { return trimmed }
        if trimmed.hasPrefix("/") && !trimmed.hasPrefix("//") { return trimmed }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") { return trimmed }
        return "#"
    }

    private static func isName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == ":" }
    }
}

extension Array where Element == HTML {
    /// The fragments one after another (one string built, not one per fragment).
    public var joined: HTML {
        var out = ""
        out.reserveCapacity(reduce(0) { $0 + $1.rendered.utf8.count })
        for fragment in self { out += fragment.rendered }
        return HTML(rendered: out)
    }
}

/// Short forms for building pages.
enum H {
    static func el(_ name: String, _ attributes: [(String, String?)] = [], _ children: HTML...) -> HTML {
        HTML.element(name, attributes, children)
    }

    static func el(_ name: String, _ attributes: [(String, String?)] = [], children: [HTML]) -> HTML {
        HTML.element(name, attributes, children)
    }

    static func text(_ text: String) -> HTML { HTML.text(text) }

    static func link(_ href: String, _ label: String, _ attributes: [(String, String?)] = []) -> HTML {
        HTML.element("a", [("href", href)] + attributes, [.text(label)])
    }

    static func p(_ text: String, _ attributes: [(String, String?)] = []) -> HTML {
        HTML.element("p", attributes, [.text(text)])
    }

    /// A hidden CSRF field for a form.
    static func csrf(_ token: String) -> HTML {
        HTML.element("input", [("type", "hidden"), ("name", "csrf"), ("value", token)])
    }
}
