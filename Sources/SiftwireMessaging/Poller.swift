import CZeroMQ

/// Waits for several sockets at once (`zmq_poll`).
public enum Poller {
    /// Blocks up to `timeout` and returns the indices of the sockets that have a message waiting.
    public static func readable(_ sockets: [ZMQSocket], timeout: Duration) throws(MessagingError) -> [Int] {
        var items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
        let timeoutMs = Int(timeout.milliseconds)
        while true {
            let rc = zmq_poll(&items, Int32(items.count), timeoutMs)
            if rc >= 0 { break }
            let error = MessagingError(operation: "zmq_poll")
            if error.interrupted { continue }
            throw error
        }
        return items.indices.filter { items[$0].revents & Int16(ZMQ_POLLIN) != 0 }
    }

    public static func isReadable(_ socket: ZMQSocket, timeout: Duration) throws(MessagingError) -> Bool {
        try !readable([socket], timeout: timeout).isEmpty
    }

    /// Whether a message could be sent now, waiting up to `timeout`. With `SocketOptions.immediate`
    /// a DEALER is writable only once a connection to a peer is complete (handshake included).
    public static func isWritable(_ socket: ZMQSocket, timeout: Duration) throws(MessagingError) -> Bool {
        var item = zmq_pollitem_t(socket: socket.handle, fd: 0, events: Int16(ZMQ_POLLOUT), revents: 0)
        while true {
            let rc = zmq_poll(&item, 1, Int(timeout.milliseconds))
            if rc >= 0 { return item.revents & Int16(ZMQ_POLLOUT) != 0 }
            let error = MessagingError(operation: "zmq_poll")
            if error.interrupted { continue }
            throw error
        }
    }
}
