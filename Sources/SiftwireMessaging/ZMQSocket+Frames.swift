import CZeroMQ
import Foundation
import SiftwireModel

extension ZMQSocket {
    /// Sends every frame as one multipart message.
    /// With `dontWait`, throws a `wouldBlock` error instead of blocking at the high-water mark.
    public func send(_ frames: Frames, dontWait: Bool = false) throws(MessagingError) {
        precondition(!frames.isEmpty, "a message has at least one frame")
        let last = frames.count - 1
        for (index, frame) in frames.enumerated() {
            var flags: Int32 = index < last ? ZMQ_SNDMORE : 0
            if dontWait { flags |= ZMQ_DONTWAIT }
            try sendFrame(frame, flags: flags)
        }
    }

    private func sendFrame(_ frame: Data, flags: Int32) throws(MessagingError) {
        while true {
            let rc = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
            if rc >= 0 { return }
            let error = MessagingError(operation: "zmq_send")
            if error.interrupted { continue }
            throw error
        }
    }

    /// Receives one multipart message, blocking up to `timeout` (nil: forever). Nil when none arrived in time.
    public func receive(timeout: Duration? = nil) throws(MessagingError) -> Frames? {
        if let timeout {
            guard try Poller.isReadable(self, timeout: timeout) else { return nil }
        }
        return try receiveNow(blocking: timeout == nil)
    }

    /// Receives one multipart message if one is waiting; nil otherwise.
    public func receiveIfReady() throws(MessagingError) -> Frames? {
        try receiveNow(blocking: false)
    }

    private func receiveNow(blocking: Bool) throws(MessagingError) -> Frames? {
        var frames: Frames = []
        while true {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            // Later frames of a multipart message are already here: only the first may block.
            let flags: Int32 = (blocking || !frames.isEmpty) ? 0 : ZMQ_DONTWAIT
            if zmq_msg_recv(&message, handle, flags) < 0 {
                let error = MessagingError(operation: "zmq_msg_recv")
                if error.interrupted { continue }
                if error.wouldBlock && frames.isEmpty { return nil }
                throw error
            }
            let size = zmq_msg_size(&message)
            frames.append(size == 0 ? Data() : Data(bytes: zmq_msg_data(&message), count: size))
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }
}
