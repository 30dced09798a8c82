import Foundation
import SiftwireProtocol

/// Prints a reply as JSON for machines.
public func printJSON<T: Encodable>(_ value: T) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    if let data = try? encoder.encode(value) {
        print(String(decoding: data, as: UTF8.self))
    }
}

/// A `SiftwireError` as a command failure with its code, exit status 1.
public struct CommandFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ error: SiftwireError) { description = "[\(error.code.rawValue)] \(error.message)" }
    public init(_ message: String) { description = message }
}

/// Runs a client call, turning its error into a readable command failure.
public func call<T>(_ body: () throws(SiftwireError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw CommandFailure(error)
    }
}
