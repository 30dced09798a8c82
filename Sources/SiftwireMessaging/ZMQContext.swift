import CZeroMQ

/// A libzmq context. Contexts are thread-safe; sockets made from one are not.
public final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    public init(ioThreads: Int32 = 1) {
        // zmq_ctx_new fails only when the process is out of memory or file descriptors.
        guard let handle = zmq_ctx_new() else {
            preconditionFailure("zmq_ctx_new failed: \(MessagingError(operation: "zmq_ctx_new"))")
        }
        zmq_ctx_set(handle, ZMQ_IO_THREADS, ioThreads)
        self.handle = handle
    }

    /// Unblocks every socket of this context with ETERM; sockets must still be closed.
    public func shutdown() {
        zmq_ctx_shutdown(handle)
    }

    deinit {
        zmq_ctx_term(handle)
    }

    /// The libzmq version as "major.minor.patch".
    public static var libraryVersion: String {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }
}
