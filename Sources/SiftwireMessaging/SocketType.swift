import CZeroMQ

/// The socket patterns Siftwire uses.
public enum SocketType: Sendable {
    case router, dealer, pub, sub, req, rep, pair

    var rawValue: Int32 {
        switch self {
        case .router: ZMQ_ROUTER
        case .dealer: ZMQ_DEALER
        case .pub: ZMQ_PUB
        case .sub: ZMQ_SUB
        case .req: ZMQ_REQ
        case .rep: ZMQ_REP
        case .pair: ZMQ_PAIR
        }
    }
}
