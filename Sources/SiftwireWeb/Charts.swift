import Foundation
import Synchronization

/// A point in an SVG's user space.
public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    func distance(to other: Point) -> Double { ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y)).squareRoot() }
}

/// Documents per month as bars: months without documents between the first and the last are
/// drawn as empty slots, so the axis is time.
public enum TimelineChart {
    public struct Bar: Sendable, Equatable {
        /// `YYYY-MM`.
        public var month: String
        public var documents: Int
    }

    /// One bar per month from the first bucket's month to the last's; `starts` are bucket starts
    /// (`YYYY-MM…`); buckets of one month are added up. Starts that are not dates are left out.
    public static func bars(_ buckets: [(start: String, documents: Int)]) -> [Bar] {
        var counts: [Int: Int] = [:]
        for bucket in buckets {
            guard let index = monthIndex(bucket.start) else { continue }
            counts[index, default: 0] += bucket.documents
        }
        guard let first = counts.keys.min(), let last = counts.keys.max() else { return [] }
        return (first...last).map { index in
            Bar(month: String(format: "%04d-%02d", index / 12, index % 12 + 1), documents: counts[index] ?? 0)
        }
    }

    /// Months since year 0 of a `YYYY-MM…` string.
    static func monthIndex(_ start: String) -> Int? {
        let parts = start.split(separator: "-")
        guard parts.count >= 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month), (1...9999).contains(year) else { return nil }
        return year * 12 + month - 1
    }

    public static let width = 720.0
    public static let height = 180.0

    /// The chart as inline SVG; each bar has its month and count in a `<title>` (shown on hover).
    public static func svg(_ bars: [Bar], label: String) -> HTML {
        let left = 36.0, right = 8.0, top = 10.0, bottom = 28.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let peak = max(1, bars.map(\.documents).max() ?? 1)
        let slot = bars.isEmpty ? plotWidth : plotWidth / Double(bars.count)
        var parts: [HTML] = [
            H.el("title", [], H.text(label)),
            HTML.element("line", [("x1", n(left)), ("y1", n(top + plotHeight)), ("x2", n(width - right)), ("y2", n(top + plotHeight)), ("class", "axis")]),
            HTML.element("text", [("x", n(left - 4)), ("y", n(top + 10)), ("class", "tick"), ("text-anchor", "end")], [.text(String(peak))]),
            HTML.element("text", [("x", n(left - 4)), ("y", n(top + plotHeight)), ("class", "tick"), ("text-anchor", "end")], [.text("0")]),
        ]
        let labelEvery = max(1, Int((Double(bars.count) / 8).rounded(.up)))
        for (index, bar) in bars.enumerated() {
            let barHeight = plotHeight * Double(bar.documents) / Double(peak)
            let x = left + Double(index) * slot
            let tip = "\(bar.month): \(bar.documents) document\(bar.documents == 1 ? "" : "s")"
            parts.append(HTML.element("rect", [
                ("x", n(x + slot * 0.1)), ("y", n(top + plotHeight - barHeight)),
                ("width", n(max(1, slot * 0.8))), ("height", n(barHeight)), ("class", "bar"),
                ("data-month", bar.month), ("data-documents", String(bar.documents)),
            ], [H.el("title", [], H.text(tip))]))
            if index % labelEvery == 0 || index == bars.count - 1 {
                let last = index == bars.count - 1 && bars.count > 1
                parts.append(HTML.element("text", [("x", n(last ? width - right : x + slot / 2)), ("y", n(height - 10)), ("class", "tick"),
                                                   ("text-anchor", last ? "end" : "middle")], [.text(bar.month)]))
            }
        }
        return HTML.element("svg", [
            ("class", "timeline"), ("viewBox", "0 0 \(n(width)) \(n(height))"), ("role", "img"), ("aria-label", label),
            ("xmlns", "http://www.w3.org/2000/svg"),
        ], parts)
    }
}

/// A deterministic force-directed layout (Fruchterman–Reingold): nodes start on a circle in the
/// order given, edges pull, every pair pushes apart, the step cools each round, and the centre node
/// (if any) stays in the middle. The same graph always gets the same picture.
public struct GraphLayout: Sendable {
    public struct Edge: Sendable, Equatable {
        public var a: Int
        public var b: Int
        public var weight: Int

        public init(a: Int, b: Int, weight: Int) {
            self.a = a
            self.b = b
            self.weight = weight
        }
    }

    public var width: Double
    public var height: Double
    public var margin: Double
    public var iterations: Int

    public init(width: Double = 720, height: Double = 480, margin: Double = 60, iterations: Int = 300) {
        self.width = width
        self.height = height
        self.margin = margin
        self.iterations = iterations
    }

    /// Positions of `count` nodes inside the margins.
    public func positions(count: Int, edges: [Edge], center: Int?) -> [Point] {
        guard count > 0 else { return [] }
        let middle = Point(x: width / 2, y: height / 2)
        let radius = min(width, height) / 2 - margin
        var points = (0..<count).map { index -> Point in
            let angle = 2 * Double.pi * Double(index) / Double(count) - Double.pi / 2
            return Point(x: middle.x + radius * cos(angle), y: middle.y + radius * sin(angle))
        }
        if let center, points.indices.contains(center) { points[center] = middle }
        guard count > 1 else { return points }
        let area = (width - 2 * margin) * (height - 2 * margin)
        let k = (area / Double(count)).squareRoot()
        let heaviest = Double(max(1, edges.map(\.weight).max() ?? 1))
        // In a dense graph (co-mention neighbourhoods are) every node has many springs: weaken each
        // by the mean degree so that the picture spreads instead of collapsing into a ball.
        let meanDegree = Double(2 * edges.count) / Double(count)
        let springScale = 1 / max(1, meanDegree / 2)
        var temperature = width / 10
        for _ in 0..<iterations {
            var shift = Array(repeating: Point(x: 0, y: 0), count: count)
            for i in 0..<count {
                for j in (i + 1)..<count {
                    var dx = points[i].x - points[j].x, dy = points[i].y - points[j].y
                    var distance = (dx * dx + dy * dy).squareRoot()
                    if distance < 0.01 {
                        // Coincident nodes: part them along a fixed direction (deterministic).
                        dx = 0.01 * Double(j - i); dy = 0.01; distance = 0.01
                    }
                    let force = k * k / distance
                    shift[i].x += dx / distance * force; shift[i].y += dy / distance * force
                    shift[j].x -= dx / distance * force; shift[j].y -= dy / distance * force
                }
            }
            for edge in edges where edge.a != edge.b && points.indices.contains(edge.a) && points.indices.contains(edge.b) {
                let dx = points[edge.a].x - points[edge.b].x, dy = points[edge.a].y - points[edge.b].y
                let distance = max(0.01, (dx * dx + dy * dy).squareRoot())
                let force = distance * distance / k * (0.5 + 0.5 * Double(edge.weight) / heaviest) * springScale
                shift[edge.a].x -= dx / distance * force; shift[edge.a].y -= dy / distance * force
                shift[edge.b].x += dx / distance * force; shift[edge.b].y += dy / distance * force
            }
            for i in 0..<count where i != center {
                let length = max(0.01, (shift[i].x * shift[i].x + shift[i].y * shift[i].y).squareRoot())
                let step = min(length, temperature)
                points[i].x = min(width - margin, max(margin, points[i].x + shift[i].x / length * step))
                points[i].y = min(height - margin, max(margin, points[i].y + shift[i].y / length * step))
            }
            temperature = max(0.5, temperature * 0.97)
        }
        return points
    }
}

/// The co-mention graph as inline SVG: edges first (stroke by weight, shared documents on hover),
/// then nodes linking to their entity pages (documents on hover).
public enum GraphChart {
    public struct Node: Sendable, Equatable {
        public var id: String
        public var name: String
        public var type: String
        public var documents: Int
    }

    /// `positions` are the nodes' places when already known (a cached layout); else they are computed.
    public static func svg(nodes: [Node], edges: [GraphLayout.Edge], center: Int?, layout: GraphLayout = GraphLayout(),
                           positions: [Point]? = nil, label: String) -> HTML {
        let points = positions.flatMap { $0.count == nodes.count ? $0 : nil } ?? layout.positions(count: nodes.count, edges: edges, center: center)
        let heaviest = Double(max(1, edges.map(\.weight).max() ?? 1))
        let busiest = Double(max(1, nodes.map(\.documents).max() ?? 1))
        var parts: [HTML] = [H.el("title", [], H.text(label))]
        for edge in edges where nodes.indices.contains(edge.a) && nodes.indices.contains(edge.b) && edge.a != edge.b {
            let a = points[edge.a], b = points[edge.b]
            let tip = "\(nodes[edge.a].name) – \(nodes[edge.b].name): \(edge.weight) shared document\(edge.weight == 1 ? "" : "s")"
            parts.append(HTML.element("line", [
                ("x1", n(a.x)), ("y1", n(a.y)), ("x2", n(b.x)), ("y2", n(b.y)), ("class", "edge"),
                ("stroke-width", n(1 + 5 * Double(edge.weight) / heaviest)), ("data-weight", String(edge.weight)),
            ], [H.el("title", [], H.text(tip))]))
        }
        for (index, node) in nodes.enumerated() {
            let point = points[index]
            let radius = 6 + 10 * (Double(node.documents) / busiest).squareRoot()
            let tip = "\(node.name) (\(node.type)): \(node.documents) document\(node.documents == 1 ? "" : "s")"
            parts.append(H.el("a", [("href", Paths.entity(node.id)), ("class", "node"), ("data-entity", node.id)],
                HTML.element("circle", [("cx", n(point.x)), ("cy", n(point.y)), ("r", n(radius)),
                                        ("class", "node-\(node.type.lowercased())" + (index == center ? " center" : ""))],
                             [H.el("title", [], H.text(tip))]),
                HTML.element("text", [("x", n(point.x)), ("y", n(point.y - radius - 3)), ("text-anchor", "middle"), ("class", "label")],
                             [.text(node.name)])))
        }
        return HTML.element("svg", [
            ("class", "graph"), ("viewBox", "0 0 \(n(layout.width)) \(n(layout.height))"), ("role", "img"), ("aria-label", label),
            ("xmlns", "http://www.w3.org/2000/svg"),
        ], parts)
    }
}

/// Layouts already computed, by graph (node ids, edges and weights, centre): the same graph is laid
/// out once, not on every view of its entity page. Holds at most `capacity` graphs (then starts over).
public final class LayoutCache: Sendable {
    private let state = Mutex<[String: [Point]]>([:])
    private let capacity: Int

    public init(capacity: Int = 512) {
        self.capacity = capacity
    }

    public func positions(layout: GraphLayout, nodes: [String], edges: [GraphLayout.Edge], center: Int?) -> [Point] {
        let key = nodes.joined(separator: "\u{1}") + "|" + edges.map { "\($0.a)-\($0.b)-\($0.weight)" }.joined(separator: ",")
            + "|\(center.map(String.init) ?? "-")|\(layout.width)x\(layout.height)/\(layout.margin)/\(layout.iterations)"
        if let known = state.withLock({ $0[key] }) { return known }
        let computed = layout.positions(count: nodes.count, edges: edges, center: center)
        state.withLock { cache in
            if cache.count >= capacity { cache.removeAll() }
            cache[key] = computed
        }
        return computed
    }

    public var count: Int { state.withLock { $0.count } }
}

/// A coordinate with at most one decimal.
func n(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
}
