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

/// Prints a reply as JSON for machines.
func printJSON<T: Encodable>(_ value: T) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    if let data = try? encoder.encode(value) {
        print(String(decoding: data, as: UTF8.self))
    }
}

/// A `SiftwireError` as a command failure with its code, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ error: SiftwireError) { description = "[\(error.code.rawValue)] \(error.message)" }
    init(_ message: String) { description = message }
}

/// Runs a client call, turning its error into a readable command failure.
func call<T>(_ body: () throws(SiftwireError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw CommandFailure(error)
    }
}
