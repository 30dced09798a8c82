import Foundation
import SiftwireClient
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import SiftwireCLI
import SiftwireExtraction
import SiftwireProtocol
import SiftwireResources

/// The analyst query kinds against a real stack holding the demo corpus.
@Suite("Query kinds end to end: search filters and expansion, fuzzy entity, entities, co-mentions, timeline, Python client", .serialized)
struct QueryKindsTests {
    /// Starts a stack and indexes the demo corpus; returns the stack and the ids by file name.
    static func stackWithDemoCorpus() throws -> (TestStack, [String: String]) {
        let stack = try TestStack(extractors: 2)
        do {
            let corpus = try SiftwireResources.demoCorpus()
            let ingestor = Ingestor(client: stack.client, showProgress: false)
            var summary = try ingestor.submit(corpus.map { (name: $0.name, document: NewDocument(text: $0.text, source: "demo/\($0.name)")) })
            try ingestor.wait(for: summary.accepted, summary: &summary, timeout: .seconds(120))
            #expect(summary.indexed == corpus.count)
            return (stack, Dictionary(uniqueKeysWithValues: zip(corpus.map(\.name), summary.accepted)))
        } catch {
            _ = stack.stop()
            throw error
        }
    }

    static func code<T>(_ body: () throws(SiftwireError) -> T) -> ErrorCode? {
        do { _ = try body(); return nil } catch { return error.code }
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test func everyQueryKindAnswersOverTheWireAndThroughTheCLI() throws {
        let (stack, _) = try Self.stackWithDemoCorpus()
        defer { _ = stack.stop() }
        let client = stack.client

        // search: "Idleb" is widened to every spelling of loc:idlib; without expansion it finds fewer.
        let literal = try client.ask(SearchQuery(text: "Idleb", limit: 100, expand: false))
        let expanded = try client.ask(SearchQuery(text: "Idleb", limit: 100))
        #expect(expanded.total > literal.total, "expanded \(expanded.total), literal \(literal.total)")
        #expect(expanded.expansions.first?.entityID == "loc:idlib")
        #expect(expanded.expansions.first?.aliases.contains("Idlib") == true)
        let jolani = try client.ask(SearchQuery(text: "\"al-Jolani\"", limit: 100))
        #expect(jolani.expansions.first?.entityID == "person:julani")
        #expect(jolani.total > (try client.ask(SearchQuery(text: "\"al-Jolani\"", expand: false)).total))

        // search filters.
        let byEntity = try client.ask(SearchQuery(text: "HTS", limit: 100, entity: "Idleb"))
        let idlibDocs = Set(try client.ask(EntityQuery(name: "loc:idlib", documentLimit: 100)).documents.map(\.id))
        #expect(!byEntity.hits.isEmpty && Set(byEntity.hits.map(\.id)).isSubset(of: idlibDocs))
        let dated = try client.ask(SearchQuery(text: "HTS", limit: 100, dateFrom: "2023-08-01", dateTo: "2023-08-31"))
        #expect(!dated.hits.isEmpty && dated.hits.allSatisfy { ($0.date ?? "") >= "2023-08-01" && ($0.date ?? "") <= "2023-08-31" })
        let source = try #require(expanded.hits.first?.source)
        #expect(try client.ask(SearchQuery(text: "Idleb", source: source)).hits.map(\.source) == [source])
        #expect(try client.ask(SearchQuery(text: "Idleb", limit: 100, entityType: "PERSON")).total <= expanded.total)
        #expect(try client.ask(SearchQuery(text: "Idleb", offset: 10_000)).hits.isEmpty)

        // entity: a misspelling falls back to the closest entity, with its score.
        let fuzzy = try client.ask(EntityQuery(name: "Idlip"))
        #expect(fuzzy.id == "loc:idlib" && fuzzy.match == "fuzzy" && (fuzzy.score ?? 0) >= EntityQuery.fuzzyThreshold)
        #expect(try client.ask(EntityQuery(name: "al-Jolani")).match == "alias")

        // entities: ranking, type filter, autocomplete by alias prefix.
        let top = try client.ask(EntitiesQuery(limit: 5))
        #expect(top.entities.count == 5 && top.total > 5 && top.limitCap == EntitiesQuery.limitCap)
        #expect(top.entities.map(\.mentions) == top.entities.map(\.mentions).sorted(by: >))
        let people = try client.ask(EntitiesQuery(type: "PERSON", limit: 200))
        #expect(people.entities.allSatisfy { $0.type == .person })
        let completions = try client.ask(EntitiesQuery(prefix: "jol"))
        #expect(completions.entities.contains { $0.id == "person:julani" && $0.matchedAlias != nil })

        // comentions: weighted edges around HTS.
        let graph = try client.ask(ComentionsQuery(name: "HTS", depth: 2, minWeight: 2, limit: 30))
        #expect(graph.center == "org:hts" && graph.nodes.count <= 30)
        #expect(graph.edges.contains { Set([$0.source, $0.target]) == ["org:hts", "loc:idlib"] && $0.weight >= 2 })
        #expect(graph.edges.allSatisfy { $0.weight >= 2 })

        // timeline: monthly buckets with the documents behind them.
        let timeline = try client.ask(TimelineQuery(names: ["HTS", "al-Jolani"], bucket: "month", documentLimit: 2))
        #expect(timeline.series.map(\.entityID) == ["org:hts", "person:julani"])
        let august2023 = try #require(timeline.series[0].buckets.first { $0.start == "2023-08-01" })
        #expect(august2023.documents >= 2 && august2023.documentIDs.count == 2)

        // Structured errors with stable codes.
        #expect(Self.code { () throws(SiftwireError) in try client.ask(SearchQuery(text: "Idleb", offset: -1)) } == .invalidArgument)
        #expect(Self.code { () throws(SiftwireError) in try client.ask(SearchQuery(text: "\"Idleb")) } == .invalidQuery)
        #expect(Self.code { () throws(SiftwireError) in try client.ask(SearchQuery(text: "HTS", entity: "Nobody al-Nobody")) } == .notFound)
        #expect(Self.code { () throws(SiftwireError) in try client.ask(SearchQuery(text: "HTS", dateFrom: "2023-02-30")) } == .invalidArgument)
        #expect(Self.code { () throws(SiftwireError) in try client.ask(EntitiesQuery(type: "WEAPON")) } == .invalidArgument)
        #expect(Self.code { () throws(SiftwireError) in try client.ask(ComentionsQuery(name: "HTS", depth: 3)) } == .invalidArgument)
        #expect(Self.code { () throws(SiftwireError) in try client.ask(TimelineQuery(names: ["HTS"], bucket: "decade")) } == .invalidArgument)
        #expect(Self.code { () throws(SiftwireError) in try client.ask(TimelineQuery(names: ["Nobody al-Nobody"])) } == .notFound)
        #expect(Self.code { () throws(SiftwireError) in try client.ask(EntityQuery(name: "Nobody al-Nobody")) } == .notFound)

        // The CLI: tables, --json, GraphML to a file that parses as XML with declared attributes.
        let entities = try stack.cli(["query", "entities", "--type", "ORG", "--limit", "3"])
        #expect(entities.status == 0 && entities.output.contains("Hay'at Tahrir al-Sham"), "\(entities.output)")
        let timelineTable = try stack.cli(["query", "timeline", "HTS", "--bucket", "month"])
        #expect(timelineTable.status == 0 && timelineTable.output.contains("2023-08-01"))
        let searchJSON = try stack.cli(["query", "search", "Idleb", "--from", "2023-01-01", "--json"])
        #expect(searchJSON.status == 0)
        let decoded = try JSONDecoder().decode(SearchResults.self, from: Data(searchJSON.output.utf8))
        #expect(decoded.expansions.first?.entityID == "loc:idlib")
        let fuzzyTable = try stack.cli(["query", "entity", "Idlip"])
        #expect(fuzzyTable.status == 0 && fuzzyTable.output.contains("no exact match"))
        #expect(try stack.cli(["query", "entity", "Idlip", "--exact"]).status != 0)

        let file = stack.directory.appendingPathComponent("hts.graphml")
        let written = try stack.cli(["query", "comentions", "HTS", "--depth", "2", "--limit", "25", "--format", "graphml", "--out", file.path])
        #expect(written.status == 0, "\(written.output)")
        let xml = try XMLDocument(contentsOf: file, options: [])
        let root = try #require(xml.rootElement())
        #expect(root.name == "graphml")
        // Children by local name: the elements are in the GraphML default namespace.
        func children(_ element: XMLElement, _ name: String) -> [XMLElement] {
            (element.children ?? []).compactMap { $0 as? XMLElement }.filter { $0.localName == name }
        }
        // attribute(forName:) misses attributes of namespaced elements in FoundationXML on Linux.
        func attribute(_ element: XMLElement, _ name: String) -> String? {
            element.attributes?.first { $0.name == name }?.stringValue
        }
        let keys = children(root, "key").compactMap { attribute($0, "attr.name") }
        #expect(Set(keys) == ["label", "type", "documents", "depth", "weight"])
        let graphElement = try #require(children(root, "graph").first)
        #expect(attribute(graphElement, "edgedefault") == "undirected")
        let nodeIDs = Set(children(graphElement, "node").compactMap { attribute($0, "id") })
        #expect(nodeIDs.contains("org:hts") && nodeIDs.count <= 25)
        let edges = children(graphElement, "edge")
        #expect(!edges.isEmpty)
        #expect(edges.allSatisfy { nodeIDs.contains(attribute($0, "source") ?? "") && nodeIDs.contains(attribute($0, "target") ?? "") })
        let tableOutput = try stack.cli(["query", "comentions", "HTS", "--limit", "5"])
        #expect(tableOutput.status == 0 && tableOutput.output.contains("weight"))
    }

    @Test func graphMLEscapesNamesAndParses() throws {
        let graph = ComentionGraph(
            center: "org:a&b", depth: 1, minWeight: 1,
            nodes: [ComentionGraph.Node(id: "org:a&b", name: "A & B <\"Brigade\"> 'x'", type: .org, documents: 2, depth: 0),
                    ComentionGraph.Node(id: "loc:c", name: "Ḥalab\u{1}", type: .location, documents: 1, depth: 1)],
            edges: [ComentionGraph.Edge(source: "loc:c", target: "org:a&b", weight: 1)], truncated: false, nodeCap: 200)
        let text = Rendering.graphML(graph)
        final class Counter: NSObject, XMLParserDelegate {
            var elements: [String: Int] = [:]
            var text = ""
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                elements[name, default: 0] += 1
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        }
        let parser = XMLParser(data: Data(text.utf8))
        let counter = Counter()
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.elements["node"] == 2 && counter.elements["edge"] == 1 && counter.elements["key"] == 5)
        #expect(counter.text.contains("A & B <\"Brigade\"> 'x'"))
    }

    /// Runs a script of clients/python against the stack's query endpoint; returns its exit status and output.
    static func runPython(_ script: String, _ stack: TestStack) throws -> (status: Int32, output: String, errors: String) {
        try runPython(script, arguments: [stack.launcher.options.endpoints.query])
    }

    /// Runs a script of clients/python with these arguments; returns its exit status and output.
    static func runPython(_ script: String, arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let path = repositoryRoot.appendingPathComponent("clients/python/\(script)").path
        process.arguments = ["python3", path] + arguments
        // No __pycache__ left in the source tree.
        process.environment = ProcessInfo.processInfo.environment.merging(["PYTHONDONTWRITEBYTECODE": "1"]) { _, new in new }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text, errorText)
    }

    @Test func pythonClientExampleRunsAgainstTheStack() throws {
        let (stack, _) = try Self.stackWithDemoCorpus()
        defer { _ = stack.stop() }
        let (status, text, errorText) = try Self.runPython("example.py", stack)
        #expect(status == 0, "stderr: \(errorText)\nstdout: \(text)")
        #expect(text.contains("24 documents"), "\(text)")
        #expect(text.contains("expanded 'Idleb' -> loc:idlib"), "\(text)")
        #expect(text.contains("Abu Mohammad al-Julani (PERSON, id person:julani"), "\(text)")
    }

    @Test func pythonClientCuratesAndManagesWatches() throws {
        let (stack, _) = try Self.stackWithDemoCorpus()
        defer { _ = stack.stop() }
        let (status, text, errorText) = try Self.runPython("curation_example.py", stack)
        #expect(status == 0, "stderr: \(errorText)\nstdout: \(text)")
        #expect(text.contains("merge refused [invalid_argument]"), "\(text)")
        #expect(text.contains("judgements ['merge']"), "\(text)")
        #expect(text.contains("watches: drones, julani"), "\(text)")
        #expect(text.contains("after removal: 0 watches"), "\(text)")
    }
}
