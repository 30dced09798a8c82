/// A failure that crosses the wire as an `error` reply.
public struct SiftwireError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    public var code: ErrorCode
    public var message: String

    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

/// The body of an `error` reply.
public struct ErrorReply: MessageBody {
    public static let kind = MessageKind.error
    public var code: ErrorCode
    public var message: String

    public init(_ error: SiftwireError) {
        code = error.code
        message = error.message
    }

    public var error: SiftwireError { SiftwireError(code, message) }
}

/// The body of an `ack` reply: the request was done and there is nothing more to say.
public struct Ack: MessageBody {
    public static let kind = MessageKind.ack
    public init() {}
}
