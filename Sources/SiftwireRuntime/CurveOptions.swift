import ArgumentParser
import Foundation
import SiftwireMessaging

/// The CURVE flags every service and the CLI take; each falls back to its environment variable.
/// CURVE is on when a secret key is given (a file, or the key itself in `SIFTWIRE_CURVE_SECRET_KEY`).
public struct CurveOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "This process's CURVE secret key file (env SIFTWIRE_CURVE_SECRET_KEY_FILE, or the Z85 key itself in SIFTWIRE_CURVE_SECRET_KEY). Turns CURVE on.",
        valueName: "path"))
    public var curveSecretKeyFile: String?
    @Option(help: ArgumentHelp(
        "Public key the stack's servers present, as Z85 text or a key file (env SIFTWIRE_CURVE_SERVER_KEY).",
        valueName: "key-or-path"))
    public var curveServerKey: String?
    @Option(help: ArgumentHelp(
        "Client public keys the bound sockets accept: a file with one Z85 key per line, or a directory of NAME.public files (env SIFTWIRE_CURVE_ALLOW).",
        valueName: "path"))
    public var curveAllow: String?
    @Option(help: ArgumentHelp(
        "Client public keys the service-only sockets (ingest work, index, index publish) accept instead of --curve-allow: same formats (env SIFTWIRE_CURVE_ALLOW_SERVICES).",
        valueName: "path"))
    public var curveAllowServices: String?

    public init() {}

    /// The settings, or nil when CURVE is off. `binds`/`connects` say what this process does,
    /// so a missing allow-list or server key is reported at start-up, not at the first socket.
    public func settings(binds: Bool, connects: Bool,
                         environment: [String: String] = ProcessInfo.processInfo.environment) throws(CurveConfigurationError) -> CurveSettings? {
        func value(_ flag: String?, _ name: String) -> String? {
            (flag ?? environment[name]).flatMap { $0.isEmpty ? nil : $0 }
        }
        let secretFile = value(curveSecretKeyFile, "SIFTWIRE_CURVE_SECRET_KEY_FILE")
        let inlineSecret = value(nil, "SIFTWIRE_CURVE_SECRET_KEY")
        let serverKeyText = value(curveServerKey, "SIFTWIRE_CURVE_SERVER_KEY")
        let allowPath = value(curveAllow, "SIFTWIRE_CURVE_ALLOW")
        let serviceAllowPath = value(curveAllowServices, "SIFTWIRE_CURVE_ALLOW_SERVICES")

        guard secretFile != nil || inlineSecret != nil else {
            if serverKeyText != nil || allowPath != nil || serviceAllowPath != nil {
                throw CurveConfigurationError("CURVE settings are given but no secret key: set --curve-secret-key-file (SIFTWIRE_CURVE_SECRET_KEY_FILE) or SIFTWIRE_CURVE_SECRET_KEY, or remove the other CURVE settings")
            }
            return nil
        }
        let secret: CurveKey
        do {
            if let secretFile {
                secret = try CurveKey.read(file: secretFile)
            } else {
                secret = try CurveKey(z85: inlineSecret ?? "")
            }
        } catch {
            throw CurveConfigurationError("CURVE secret key: \(error)")
        }
        var settings: CurveSettings
        do {
            settings = CurveSettings(keyPair: try CurveKeyPair(secretKey: secret))
        } catch {
            throw CurveConfigurationError("CURVE secret key: \(error)")
        }
        if let serverKeyText {
            do {
                settings.serverKey = FileManager.default.fileExists(atPath: serverKeyText)
                    ? try CurveKey.read(file: serverKeyText) : try CurveKey(z85: serverKeyText)
            } catch {
                throw CurveConfigurationError("CURVE server key (a Z85 key or an existing key file): \(error)")
            }
        } else if connects {
            throw CurveConfigurationError("CURVE is on but the servers' public key is not set (--curve-server-key, SIFTWIRE_CURVE_SERVER_KEY)")
        }
        if let allowPath {
            do {
                settings.allowList = try CurveAllowList.load(path: allowPath)
            } catch {
                throw CurveConfigurationError("\(error)")
            }
        } else if binds {
            throw CurveConfigurationError("CURVE is on but no allow-list of client keys is set (--curve-allow, SIFTWIRE_CURVE_ALLOW)")
        }
        if let serviceAllowPath {
            do {
                settings.serviceAllowList = try CurveAllowList.load(path: serviceAllowPath)
            } catch {
                throw CurveConfigurationError("\(error)")
            }
        }
        guard CurveKeyPair.isSupported else {
            throw CurveConfigurationError("CURVE is on but this libzmq was built without CURVE support")
        }
        return settings
    }
}
