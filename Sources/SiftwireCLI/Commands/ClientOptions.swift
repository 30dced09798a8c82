import ArgumentParser
import Foundation
import SiftwireProtocol
import SiftwireRuntime

/// Where the running stack is.
struct ClientOptions: ParsableArguments {
    @Option(help: "Ingest endpoint (env SIFTWIRE_INGEST).")
    var ingest = Defaults.ingest
    @Option(help: "Query endpoint (env SIFTWIRE_QUERY).")
    var query = Defaults.query
    @Option(help: "Seconds to wait for a reply.")
    var timeout = 30.0
    @OptionGroup var curve: CurveOptions
}
