import Foundation
import Testing
import SiftwireMessaging
import SiftwireProtocol
@testable import SiftwireQuery
@testable import SiftwireRuntime

/// The query service's forwarder against a stand-in index (a bound ROUTER): several requests in
/// flight, answers matched by request id whatever their order, bodies passed through unchanged.
@Suite("Query → index forwarding")
struct IndexForwarderTests {
    let context = ZMQContext()

    func standInIndex() throws -> ZMQSocket {
        var options = SocketOptions()
        options.linger = .zero
        let index = try ZMQSocket(context, .router, options: options)
        try index.bind("tcp://127.0.0.1:*")
        return index
    }

    func clientRequest(_ body: String, client: String) -> RoutedRequest {
        RoutedRequest(route: [Data(client.utf8)], envelope: Envelope(kind: .querySearch, requestID: "same-id", body: Data(body.utf8)))
    }

    @Test func answersInAnyOrderReachTheirOwnClientsWithTheBodiesUnchanged() throws {
        let index = try standInIndex()
        let forwarder = try IndexForwarder(context: context, endpoint: index.lastEndpoint, timeout: .seconds(10), curve: nil)
        // Two clients that happen to use the same request id: the forwarder's own ids keep them apart.
        let bodies = [#"{"text":"Idlib","limit":3}"#, #"{"text":"HTS"}"#]
        for (n, body) in bodies.enumerated() {
            try forwarder.forward(clientRequest(body, client: "client-\(n)"), reply: .querySearchReply, received: .now)
        }
        #expect(forwarder.inFlight == 2)

        var received: [Frames] = []
        while received.count < 2, let frames = try index.receive(timeout: .seconds(5)) { received.append(frames) }
        #expect(received.count == 2)
        // The index sees the clients' bodies byte for byte, under distinct ids.
        #expect(received.map { String(decoding: $0[4], as: UTF8.self) } == bodies)
        #expect(Set(received.map { $0[3] }).count == 2)

        // The stand-in answers the second request first.
        for frames in received.reversed() {
            let reply = #"{"echo":"# + String(decoding: frames[4], as: UTF8.self) + "}"
            try index.send([frames[0], Data(Envelope.version.utf8), Data(MessageKind.querySearchReply.rawValue.utf8), frames[3], Data(reply.utf8)])
        }
        var answered: [(client: String, id: String, body: String)] = []
        while answered.count < 2, let frames = try forwarder.socket.receive(timeout: .seconds(5)) {
            let (waiting, reply) = try #require(forwarder.answered(frames))
            #expect(reply.kind == waiting.reply)
            answered.append((String(decoding: waiting.request.route[0], as: UTF8.self), waiting.request.envelope.requestID,
                             String(decoding: reply.body, as: UTF8.self)))
        }
        #expect(answered.map(\.client) == ["client-1", "client-0"])
        #expect(answered.allSatisfy { $0.id == "same-id" })
        #expect(answered.map(\.body) == [#"{"echo":{"text":"HTS"}}"#, #"{"echo":{"text":"Idlib","limit":3}}"#])
        #expect(forwarder.inFlight == 0)
    }

    @Test func anUnansweredRequestExpiresAndItsLateAnswerIsDropped() throws {
        let index = try standInIndex()
        let forwarder = try IndexForwarder(context: context, endpoint: index.lastEndpoint, timeout: .milliseconds(50), curve: nil)
        try forwarder.forward(clientRequest("{}", client: "c"), reply: .querySearchReply, received: .now)
        let frames = try #require(try index.receive(timeout: .seconds(5)))
        #expect(forwarder.expired(now: .now).isEmpty)
        Thread.sleep(forTimeInterval: 0.1)
        #expect(forwarder.expired().count == 1)
        #expect(forwarder.inFlight == 0)
        try index.send([frames[0], Data(Envelope.version.utf8), Data(MessageKind.querySearchReply.rawValue.utf8), frames[3], Data("{}".utf8)])
        let late = try #require(try forwarder.socket.receive(timeout: .seconds(5)))
        #expect(forwarder.answered(late) == nil)
    }
}
