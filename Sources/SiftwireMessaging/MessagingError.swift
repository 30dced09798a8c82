import CZeroMQ
import Foundation

/// A libzmq call that failed, with the errno it reported.
public struct MessagingError: Error, CustomStringConvertible, Sendable {
    public var operation: String
    public var code: Int32

    public init(operation: String, code: Int32 = zmq_errno()) {
        self.operation = operation
        self.code = code
    }

    /// True when the call failed only because it would have blocked.
    public var wouldBlock: Bool { code == EAGAIN }
    /// True when the call was interrupted by a signal and may be retried.
    public var interrupted: Bool { code == EINTR }
    /// True when the context was terminated under the socket.
    public var contextTerminated: Bool { code == ETERM }

    public var description: String {
        "\(operation) failed: \(String(cString: zmq_strerror(code))) (errno \(code))"
    }
}
