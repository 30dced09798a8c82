import ArgumentParser
import SiftwireConsole
import SiftwireClient
import SiftwireProtocol

/// `siftwire query sources`: outlets with document counts and publication date ranges.
struct SourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources", abstract: "Outlets (document sources) with document counts and first/last publication dates.")
    @Option(help: "Only outlets whose name starts with this.") var prefix: String?
    @Option(help: "Outlets to list, most documents first.") var limit = 100
    @Flag(help: "Print the reply as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let reply = try call { () throws(SiftwireError) in try client.client().sources(prefix: prefix, limit: limit) }
        json ? printJSON(reply) : print(Rendering.sources(reply))
    }
}

extension Rendering {
    public static func sources(_ list: SourceList) -> String {
        guard !list.sources.isEmpty else {
            return "no outlets" + (list.unattributed > 0 ? " (\(list.unattributed) document(s) have no source)" : "")
        }
        var table = Table("source", "documents", "undated", "first", "last")
        for s in list.sources { table.add(s.source, "\(s.documents)", "\(s.undated)", s.first ?? "", s.last ?? "") }
        var lines = ["\(list.total) outlet(s)" + (list.total > list.sources.count ? "; showing \(list.sources.count)" : "")
                     + (list.unattributed > 0 ? "; \(list.unattributed) document(s) without a source" : ""), "", table.render()]
        if lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
