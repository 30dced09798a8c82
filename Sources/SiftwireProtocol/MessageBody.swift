/// A payload that travels as the JSON body of one message kind.
public protocol MessageBody: Codable, Sendable {
    static var kind: MessageKind { get }
}

/// A payload that asks for exactly one reply of a known type (or an `error`).
public protocol Request: MessageBody {
    associatedtype Reply: MessageBody
}
