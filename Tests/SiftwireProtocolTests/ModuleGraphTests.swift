import Foundation
import Testing

/// The module graph as Package.swift declares it: the protocol is a vocabulary, not a transport or
/// an engine, so neither `SiftwireExtraction` nor libzmq (`CZeroMQ`, `SiftwireMessaging`) is
/// reachable from `SiftwireProtocol`, and no protocol source imports them.
@Suite("Module graph (Package.swift)")
struct ModuleGraphTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Each target's direct dependencies on other targets of this package, read from Package.swift
    /// (shared lists such as `let serviceDependencies: [Target.Dependency] = […]` expanded).
    static func targets() throws -> [String: [String]] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        var lists: [String: [String]] = [:]
        for match in manifest.matches(of: #/let (\w+): \[Target\.Dependency\] =/#) {
            lists[String(match.output.1)] = names(in: bracketed(manifest[match.range.upperBound...]))
        }
        var graph: [String: [String]] = [:]
        let declaration = #/\.(?:target|executableTarget|testTarget|systemLibrary)\(\s*name:\s*"([^"]+)"/#
        for match in manifest.matches(of: declaration) {
            let rest = manifest[match.range.upperBound...]
            let next = rest.firstRange(of: declaration)?.lowerBound ?? rest.endIndex
            var dependencies: [String] = []
            if let label = rest[..<next].range(of: "dependencies:") {
                let expression = rest[label.upperBound...]
                let head = expression.prefix { $0 != "[" }
                for (list, members) in lists where head.contains(list) { dependencies += members }
                dependencies += names(in: bracketed(expression))
            }
            graph[String(match.output.1)] = dependencies
        }
        return graph
    }

    /// The first balanced `[…]` in `text`.
    static func bracketed(_ text: Substring) -> Substring {
        guard let open = text.firstIndex(of: "[") else { return "" }
        var depth = 0
        for index in text[open...].indices {
            if text[index] == "[" { depth += 1 }
            if text[index] == "]" { depth -= 1; if depth == 0 { return text[open...index] } }
        }
        return text[open...]
    }

    /// Plain target names ("X") in a dependency list, not products (`.product(name: "X", package: …)`).
    static func names(in list: Substring) -> [String] {
        list.replacing(#/\.product\([^)]*\)/#, with: "").matches(of: #/"([^"]+)"/#).map { String($0.output.1) }
    }

    static func reachable(from target: String, in graph: [String: [String]]) -> Set<String> {
        var seen: Set<String> = []
        var queue = graph[target] ?? []
        while let next = queue.popLast() {
            if seen.insert(next).inserted { queue += graph[next] ?? [] }
        }
        return seen
    }

    @Test func protocolReachesNeitherTheEngineNorLibzmq() throws {
        let graph = try Self.targets()
        #expect(graph["SiftwireProtocol"] == ["SiftwireModel"], "\(graph["SiftwireProtocol"] ?? [])")
        #expect(graph["SiftwireModel"] == [])
        let reachable = Self.reachable(from: "SiftwireProtocol", in: graph)
        for forbidden in ["SiftwireExtraction", "SiftwireMessaging", "CZeroMQ"] {
            #expect(!reachable.contains(forbidden), "SiftwireProtocol reaches \(forbidden)")
        }
        // The parser sees the rest of the graph too (so an empty answer above is not a misread).
        #expect(Self.reachable(from: "SiftwireIndex", in: graph).isSuperset(of: ["SiftwireProtocol", "SiftwireMessaging", "CZeroMQ", "SiftwireExtraction"]))
    }

    @Test func protocolAndModelSourcesImportOnlyFoundationAndTheModel() throws {
        for module in ["SiftwireProtocol", "SiftwireModel"] {
            let directory = Self.root.appendingPathComponent("Sources/\(module)")
            for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".swift") {
                let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") where line.contains("import ") && !line.hasPrefix("//") && !line.hasPrefix("///") {
                    let imported = line.split(separator: " ").last.map(String.init) ?? ""
                    #expect(["Foundation", "SiftwireModel"].contains(imported), "\(module)/\(file): \(line)")
                }
            }
        }
    }
}
