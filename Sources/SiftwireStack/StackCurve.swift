import Foundation
import SiftwireMessaging
import SiftwireRuntime

/// CURVE for a whole stack on one host (`siftwire up --curve`, tests): a `server` key pair that
/// ingest, index and query present, a `client` pair for extractors and the CLI, and the key
/// directory itself as the allow-list (its `*.public` files: both pairs).
public struct StackCurve: Sendable {
    public let directory: URL
    public let server: CurveKeyPair
    public let client: CurveKeyPair

    /// Uses the key pairs in `directory`, making any that are missing.
    public static func prepare(in directory: URL) throws -> StackCurve {
        for name in ["server", "client"] where !FileManager.default.fileExists(atPath: directory.appendingPathComponent("\(name).secret").path) {
            try CurveKeyFiles.write(CurveKeyPair.generate(), name: name, directory: directory)
        }
        let server = try CurveKeyPair(secretKey: CurveKey.read(file: directory.appendingPathComponent("server.secret").path))
        let client = try CurveKeyPair(secretKey: CurveKey.read(file: directory.appendingPathComponent("client.secret").path))
        return StackCurve(directory: directory, server: server, client: client)
    }

    public func path(_ file: String) -> String { directory.appendingPathComponent(file).path }

    /// Flags for ingest, index and query.
    public var serverArguments: [String] {
        ["--curve-secret-key-file", path("server.secret"), "--curve-server-key", path("server.public"), "--curve-allow", directory.path]
    }

    /// Flags for extractors and CLI commands.
    public var clientArguments: [String] {
        ["--curve-secret-key-file", path("client.secret"), "--curve-server-key", path("server.public")]
    }

    /// The settings an in-process client (the launcher, tests) uses.
    public var clientSettings: CurveSettings {
        CurveSettings(keyPair: client, serverKey: server.publicKey)
    }

    /// Environment lines for a shell that runs CLI commands against this stack.
    public var clientEnvironment: [(name: String, value: String)] {
        [("SIFTWIRE_CURVE_SECRET_KEY_FILE", path("client.secret")), ("SIFTWIRE_CURVE_SERVER_KEY", path("server.public"))]
    }
}
