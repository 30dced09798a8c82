/// The CURVE side a socket takes. A socket without one uses ZeroMQ's NULL mechanism (plain text).
public enum CurveRole: Sendable {
    /// A socket that binds: it proves itself with its key pair, and the context's `ZAPHandler`
    /// decides which clients may connect, by the allow-list of the socket's ZAP `domain`.
    case server(CurveKeyPair, domain: String = CurveRole.defaultDomain)
    /// A socket that connects: it encrypts to `serverKey` and proves itself with its own pair.
    case client(CurveKeyPair, serverKey: CurveKey)

    /// The ZAP domain of a server socket that names none.
    public static let defaultDomain = "siftwire"
}
