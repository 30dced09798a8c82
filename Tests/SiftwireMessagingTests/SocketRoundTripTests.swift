import Foundation
import Testing
@testable import SiftwireMessaging
import SiftwireModel

@Suite("Sockets over real loopback TCP")
struct SocketRoundTripTests {
    let context = ZMQContext()

    /// A bound ROUTER on a kernel-chosen loopback port and a DEALER connected to it.
    func pair(identity: String = "client-1") throws -> (router: ZMQSocket, dealer: ZMQSocket) {
        let router = try ZMQSocket(context, .router)
        try router.bind("tcp://127.0.0.1:*")
        var options = SocketOptions()
        options.routingID = identity
        let dealer = try ZMQSocket(context, .dealer, options: options)
        try dealer.connect(router.lastEndpoint)
        return (router, dealer)
    }

    @Test func multipartMessageArrivesWholeWithRoutingIdentity() throws {
        let (router, dealer) = try pair()
        let frames: Frames = [Data("one".utf8), Data(), Data([0, 255, 7]), Data(repeating: 0x41, count: 100_000)]
        try dealer.send(frames)
        let received = try #require(try router.receive(timeout: .seconds(5)))
        #expect(received.first == Data("client-1".utf8))
        #expect(Array(received.dropFirst()) == frames)
    }

    @Test func routerRepliesReachTheRightDealer() throws {
        let (router, dealerA) = try pair(identity: "a")
        var options = SocketOptions()
        options.routingID = "b"
        let dealerB = try ZMQSocket(context, .dealer, options: options)
        try dealerB.connect(router.lastEndpoint)
        try dealerA.send([Data("from a".utf8)])
        try dealerB.send([Data("from b".utf8)])
        for _ in 0..<2 {
            let request = try #require(try router.receive(timeout: .seconds(5)))
            try router.send([request[0], Data("reply to ".utf8) + request[1]])
        }
        #expect(try dealerA.receive(timeout: .seconds(5)) == [Data("reply to from a".utf8)])
        #expect(try dealerB.receive(timeout: .seconds(5)) == [Data("reply to from b".utf8)])
    }

    @Test func receiveTimesOutWithNilWhenNothingArrives() throws {
        let (router, _) = try pair()
        let started = ContinuousClock.now
        #expect(try router.receive(timeout: .milliseconds(150)) == nil)
        #expect(ContinuousClock.now - started >= .milliseconds(140))
    }

    @Test func receiveIfReadyDoesNotBlock() throws {
        let (_, dealer) = try pair()
        #expect(try dealer.receiveIfReady() == nil)
    }

    @Test func pollerReportsOnlyTheReadableSocket() throws {
        let (routerA, dealerA) = try pair()
        let (routerB, _) = try pair()
        try dealerA.send([Data("ping".utf8)])
        var ready: [Int] = []
        for _ in 0..<50 where ready.isEmpty {
            ready = try Poller.readable([routerB, routerA], timeout: .milliseconds(100))
        }
        #expect(ready == [1])
    }

    @Test func routerMandatoryFailsForAnUnknownPeer() throws {
        let router = try ZMQSocket(context, .router)
        try router.bind("tcp://127.0.0.1:*")
        #expect(throws: MessagingError.self) {
            try router.send([Data("nobody".utf8), Data("hello".utf8)], dontWait: true)
        }
    }

    @Test func oversizedMessageIsRefusedByMaxMessageSize() throws {
        var small = SocketOptions()
        small.maxMessageSize = 1024
        let router = try ZMQSocket(context, .router, options: small)
        try router.bind("tcp://127.0.0.1:*")
        let dealer = try ZMQSocket(context, .dealer)
        try dealer.connect(router.lastEndpoint)
        try dealer.send([Data(repeating: 1, count: 4096)])
        #expect(try router.receive(timeout: .milliseconds(300)) == nil)
        // The connection was dropped, not the socket: a fresh peer is still served.
        let second = try ZMQSocket(context, .dealer)
        try second.connect(router.lastEndpoint)
        try second.send([Data("small".utf8)])
        #expect(try router.receive(timeout: .seconds(5))?.last == Data("small".utf8))
    }

    @Test func bindingAnInvalidEndpointThrowsWithErrno() throws {
        let socket = try ZMQSocket(context, .router)
        let error = try #require(throws: MessagingError.self) { try socket.bind("nonsense://here") }
        #expect(error.description.contains("zmq_bind"))
    }

    @Test func heartbeatExpiresAfterTheTimeout() {
        let heartbeat = Heartbeat(interval: .milliseconds(100), timeout: .milliseconds(300))
        let heard = ContinuousClock.now
        #expect(!heartbeat.isExpired(lastHeard: heard, now: heard + .milliseconds(200)))
        #expect(heartbeat.isExpired(lastHeard: heard, now: heard + .milliseconds(301)))
        #expect(heartbeat.isDue(lastSent: heard, now: heard + .milliseconds(100)))
    }
}
