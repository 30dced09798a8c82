import Foundation
import Testing
@testable import SiftwireWeb

@Suite("Timeline and graph SVG")
struct ChartTests {
    @Test func timelineFillsMissingMonthsAndAddsUpBuckets() {
        let bars = TimelineChart.bars([("2023-11-01", 2), ("2024-02", 3), ("2024-02-15", 1), ("undated", 9)])
        #expect(bars.map(\.month) == ["2023-11", "2023-12", "2024-01", "2024-02"])
        #expect(bars.map(\.documents) == [2, 0, 0, 4])
        #expect(TimelineChart.bars([]).isEmpty)
    }

    @Test func timelineSVGHasOneBarPerMonthWithItsCountOnHover() {
        let svg = TimelineChart.svg(TimelineChart.bars([("2024-01", 1), ("2024-03", 5)]), label: "<Idlib>").rendered
        #expect(svg.hasPrefix("<svg class=\"timeline\""))
        #expect(svg.components(separatedBy: "<rect ").count - 1 == 3)
        #expect(svg.contains("<title>2024-03: 5 documents</title>"))
        #expect(svg.contains("aria-label=\"&lt;Idlib&gt;\""))
        // The tallest bar fills the plot; an empty month has no height.
        #expect(svg.contains("data-month=\"2024-02\" data-documents=\"0\""))
        // Empty SVG elements close themselves (foreign content keeps `<line>` open otherwise).
        #expect(svg.contains("class=\"axis\" />"))
    }

    @Test func layoutIsDeterministicAndInsideTheMargins() {
        let layout = GraphLayout(width: 600, height: 400, margin: 30)
        let edges = [GraphLayout.Edge(a: 0, b: 1, weight: 5), .init(a: 0, b: 2, weight: 1), .init(a: 1, b: 2, weight: 2), .init(a: 3, b: 4, weight: 1)]
        let first = layout.positions(count: 6, edges: edges, center: 0)
        let second = layout.positions(count: 6, edges: edges, center: 0)
        #expect(first == second)
        #expect(first[0] == Point(x: 300, y: 200))
        for point in first {
            #expect((30...570).contains(point.x) && (30...370).contains(point.y), "\(point)")
        }
        for i in first.indices {
            for j in first.indices where j > i {
                #expect(first[i].distance(to: first[j]) > 20, "nodes \(i) and \(j) overlap")
            }
        }
    }

    @Test func connectedNodesEndCloserThanUnconnectedOnes() {
        // Two triangles joined by nothing: within a triangle, nodes end nearer than across.
        let edges = [GraphLayout.Edge(a: 0, b: 1, weight: 3), .init(a: 1, b: 2, weight: 3), .init(a: 0, b: 2, weight: 3),
                     .init(a: 3, b: 4, weight: 3), .init(a: 4, b: 5, weight: 3), .init(a: 3, b: 5, weight: 3)]
        let points = GraphLayout().positions(count: 6, edges: edges, center: nil)
        let within = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)].map { points[$0.0].distance(to: points[$0.1]) }
        let across = [(0, 3), (1, 4), (2, 5)].map { points[$0.0].distance(to: points[$0.1]) }
        let meanWithin: Double = within.reduce(0, +) / Double(within.count)
        let meanAcross: Double = across.reduce(0, +) / Double(across.count)
        #expect(meanWithin < meanAcross)
    }

    @Test func graphSVGLinksNodesAndShowsWeights() {
        let nodes = [GraphChart.Node(id: "loc:idlib", name: "Idlib", type: "LOCATION", documents: 9),
                     GraphChart.Node(id: "org:hts", name: "<HTS>", type: "ORG", documents: 4)]
        let svg = GraphChart.svg(nodes: nodes, edges: [.init(a: 0, b: 1, weight: 3)], center: 0, label: "graph").rendered
        #expect(svg.contains("<a href=\"/entity/org:hts\" class=\"node\" data-entity=\"org:hts\">"))
        #expect(svg.contains("<title>Idlib – &lt;HTS&gt;: 3 shared documents</title>"))
        #expect(svg.contains("<title>Idlib (LOCATION): 9 documents</title>"))
        #expect(!svg.contains("<HTS>"))
    }

    @Test func emptyAndSingleNodeLayouts() {
        #expect(GraphLayout().positions(count: 0, edges: [], center: nil).isEmpty)
        #expect(GraphLayout().positions(count: 1, edges: [], center: 0) == [Point(x: 360, y: 240)])
    }
}

@Suite("Layout cache")
struct LayoutCacheTests {
    @Test func aGraphIsLaidOutOnceAndTheSameAsWithoutTheCache() {
        let cache = LayoutCache(capacity: 2)
        let edges = [GraphLayout.Edge(a: 0, b: 1, weight: 2)]
        let layout = GraphLayout()
        let first = cache.positions(layout: layout, nodes: ["a", "b", "c"], edges: edges, center: 0)
        #expect(first == layout.positions(count: 3, edges: edges, center: 0))
        #expect(cache.positions(layout: layout, nodes: ["a", "b", "c"], edges: edges, center: 0) == first)
        #expect(cache.count == 1)
        _ = cache.positions(layout: layout, nodes: ["a", "b", "c"], edges: [.init(a: 0, b: 1, weight: 3)], center: 0)
        _ = cache.positions(layout: layout, nodes: ["x"], edges: [], center: nil)
        #expect(cache.count == 1, "full: starts over")
    }
}
