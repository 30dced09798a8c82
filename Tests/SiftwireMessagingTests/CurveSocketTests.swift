import Foundation
import Logging
import Testing
@testable import SiftwireMessaging
import SiftwireModel

@Suite("CURVE and the ZAP handler over real loopback TCP")
struct CurveSocketTests {
    /// A CURVE server on a context of its own, whose ZAP handler lets in only `allowed`.
    final class Server {
        let context = ZMQContext()
        let pair: CurveKeyPair
        let zap: ZAPHandler
        let socket: ZMQSocket

        init(_ type: SocketType = .router, allowed: [CurveKeyPair]) throws {
            pair = try CurveKeyPair.generate()
            let allowList = CurveAllowList(Dictionary(uniqueKeysWithValues: allowed.enumerated().map { ($1.publicKey, "client-\($0)") }))
            zap = try ZAPHandler.start(context: context, allowList: allowList, logger: Logger(label: "test.zap"))
            var options = SocketOptions()
            options.curve = .server(pair)
            socket = try ZMQSocket(context, type, options: options)
            try socket.bind("tcp://127.0.0.1:*")
        }

        deinit {
            socket.close()
            zap.stop()
        }
    }

    let clientContext = ZMQContext()

    func client(_ pair: CurveKeyPair?, serverKey: CurveKey, to server: Server, type: SocketType = .dealer) throws -> ZMQSocket {
        var options = SocketOptions()
        options.curve = pair.map { .client($0, serverKey: serverKey) }
        let socket = try ZMQSocket(clientContext, type, options: options)
        try socket.connect(server.socket.lastEndpoint)
        return socket
    }

    /// Echoes one request if one arrives within `timeout`; true when it did.
    func echoOnce(_ server: Server, timeout: Duration) throws -> Bool {
        guard let request = try server.socket.receive(timeout: timeout) else { return false }
        try server.socket.send(request)
        return true
    }

    @Test func aClientWithAnAllowedKeyIsServed() throws {
        let known = try CurveKeyPair.generate()
        let server = try Server(allowed: [known])
        let dealer = try client(known, serverKey: server.pair.publicKey, to: server)
        try dealer.send([Data("hello".utf8)])
        #expect(try echoOnce(server, timeout: .seconds(10)))
        #expect(try dealer.receive(timeout: .seconds(10)) == [Data("hello".utf8)])
        #expect(server.zap.accepted == 1)
        #expect(server.zap.refused == 0)
    }

    @Test func aClientWithAnUnknownKeyIsRefusedAndTheRefusalCounted() throws {
        let known = try CurveKeyPair.generate()
        let stranger = try CurveKeyPair.generate()
        let server = try Server(allowed: [known])
        let dealer = try client(stranger, serverKey: server.pair.publicKey, to: server)
        try dealer.send([Data("let me in".utf8)])
        #expect(try !echoOnce(server, timeout: .seconds(1)), "the server must never see the stranger's message")
        #expect(try dealer.receive(timeout: .milliseconds(200)) == nil)
        #expect(server.zap.refused >= 1)
        #expect(server.zap.accepted == 0)
        // The server is not harmed: a known client connecting afterwards is served.
        let friend = try client(known, serverKey: server.pair.publicKey, to: server)
        try friend.send([Data("me".utf8)])
        #expect(try echoOnce(server, timeout: .seconds(10)))
        #expect(try friend.receive(timeout: .seconds(10)) == [Data("me".utf8)])
    }

    @Test func aPlainTextClientGetsNothingFromACurveServer() throws {
        let server = try Server(allowed: [try CurveKeyPair.generate()])
        let plain = try client(nil, serverKey: server.pair.publicKey, to: server)
        try plain.send([Data("plain".utf8)])
        #expect(try !echoOnce(server, timeout: .seconds(1)))
    }

    @Test func aClientTrustingAnotherServerKeyGetsNothing() throws {
        let known = try CurveKeyPair.generate()
        let server = try Server(allowed: [known])
        let impostorKey = try CurveKeyPair.generate().publicKey
        let dealer = try client(known, serverKey: impostorKey, to: server)
        try dealer.send([Data("hello".utf8)])
        #expect(try !echoOnce(server, timeout: .seconds(1)))
        #expect(server.zap.accepted == 0, "the handshake fails before the client's key is even presented")
    }

    @Test func subscribersAreAuthenticatedLikeAnyClient() throws {
        let known = try CurveKeyPair.generate()
        let server = try Server(.pub, allowed: [known])
        let subscriber = try client(known, serverKey: server.pair.publicKey, to: server, type: .sub)
        let stranger = try client(try CurveKeyPair.generate(), serverKey: server.pair.publicKey, to: server, type: .sub)
        var received: Frames?
        // PUB drops messages until a subscription arrives, so publish until one gets through.
        for _ in 0..<100 where received == nil {
            try server.socket.send([Data("event".utf8)], dontWait: true)
            received = try subscriber.receive(timeout: .milliseconds(50))
        }
        #expect(received == [Data("event".utf8)])
        #expect(try stranger.receive(timeout: .milliseconds(300)) == nil)
        #expect(server.zap.refused >= 1)
    }

    @Test func eachZAPDomainChecksItsOwnAllowList() throws {
        let analyst = try CurveKeyPair.generate(), worker = try CurveKeyPair.generate()
        let context = ZMQContext()
        let zap = try ZAPHandler.start(context: context, allowLists: [
            "clients": CurveAllowList([analyst.publicKey: "analyst"]), "services": CurveAllowList([worker.publicKey: "worker"]),
        ], logger: Logger(label: "test.zap"))
        defer { zap.stop() }
        let pair = try CurveKeyPair.generate()
        func server(_ domain: String) throws -> ZMQSocket {
            var options = SocketOptions()
            options.curve = .server(pair, domain: domain)
            let socket = try ZMQSocket(context, .router, options: options)
            try socket.bind("tcp://127.0.0.1:*")
            return socket
        }
        let clients = try server("clients"), services = try server("services"), unnamed = try server("nobody")
        defer { [clients, services, unnamed].forEach { $0.close() } }
        func reaches(_ key: CurveKeyPair, _ socket: ZMQSocket) throws -> Bool {
            var options = SocketOptions()
            options.curve = .client(key, serverKey: pair.publicKey)
            let dealer = try ZMQSocket(clientContext, .dealer, options: options)
            defer { dealer.close() }
            try dealer.connect(socket.lastEndpoint)
            try dealer.send([Data("hi".utf8)])
            return try socket.receive(timeout: .seconds(1)) != nil
        }
        #expect(try reaches(analyst, clients))
        #expect(try !reaches(analyst, services))
        #expect(try reaches(worker, services))
        #expect(try !reaches(worker, clients))
        #expect(try !reaches(analyst, unnamed), "a domain without an allow-list admits nobody")
        #expect(zap.accepted == 2 && zap.refused >= 3)
    }

    @Test func keysRoundTripThroughZ85AndThePublicHalfFollowsFromTheSecret() throws {
        #expect(CurveKeyPair.isSupported)
        let pair = try CurveKeyPair.generate()
        #expect(pair.publicKey.z85.count == 40 && pair.secretKey.z85.count == 40)
        #expect(pair.publicKey != pair.secretKey)
        #expect(try CurveKeyPair(secretKey: pair.secretKey).publicKey == pair.publicKey)
        #expect(try CurveKey(bytes: pair.publicKey.bytes) == pair.publicKey)
        #expect(try CurveKey(z85: "  \(pair.publicKey.z85)\n") == pair.publicKey)
        #expect(!pair.description.contains(pair.secretKey.z85))
        #expect(throws: CurveKeyError.self) { try CurveKey(z85: "too short") }
        #expect(throws: CurveKeyError.self) { try CurveKey(z85: String(repeating: "~", count: 40)) }
        #expect(throws: CurveKeyError.self) { try CurveKey(bytes: Data(count: 31)) }
    }

    @Test func allowListsReadKeyFilesDirectoriesAndRefuseJunk() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("siftwire-allow-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = try CurveKeyPair.generate(), b = try CurveKeyPair.generate(), c = try CurveKeyPair.generate()

        let file = directory.appendingPathComponent("allow.txt")
        try "# analysts\n\(a.publicKey.z85) alice\n\n   \(b.publicKey.z85)\n".write(to: file, atomically: true, encoding: .utf8)
        let fromFile = try CurveAllowList.load(path: file.path)
        #expect(fromFile.count == 2)
        #expect(fromFile.name(of: a.publicKey) == "alice")
        #expect(fromFile.contains(b.publicKey) && !fromFile.contains(c.publicKey))

        let keys = directory.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        try "\(c.publicKey.z85)\n".write(to: keys.appendingPathComponent("extract-1.public"), atomically: true, encoding: .utf8)
        // Secret files beside public ones are never read as allowed keys.
        try "\(a.secretKey.z85)\n".write(to: keys.appendingPathComponent("extract-1.secret"), atomically: true, encoding: .utf8)
        let fromDirectory = try CurveAllowList.load(path: keys.path)
        #expect(fromDirectory.count == 1)
        #expect(fromDirectory.name(of: c.publicKey) == "extract-1")

        let junk = directory.appendingPathComponent("junk.txt")
        try "\(a.publicKey.z85)\nnot a key\n".write(to: junk, atomically: true, encoding: .utf8)
        let error = try #require(throws: CurveKeyError.self) { try CurveAllowList.load(path: junk.path) }
        #expect(error.description.contains("line 2"))
        let empty = directory.appendingPathComponent("empty.txt")
        try "# nobody yet\n".write(to: empty, atomically: true, encoding: .utf8)
        #expect(throws: CurveKeyError.self) { try CurveAllowList.load(path: empty.path) }
        #expect(throws: CurveKeyError.self) { try CurveAllowList.load(path: directory.appendingPathComponent("missing").path) }
    }

    @Test func theZAPHandlerAnswersMalformedRequestsAndOtherMechanismsWithRefusals() throws {
        let known = try CurveKeyPair.generate()
        let server = try Server(allowed: [known])
        let version = Data("1.0".utf8), id = Data("7".utf8)
        let head: Frames = [version, id, Data("siftwire".utf8), Data("10.0.0.9".utf8), Data()]
        #expect(server.zap.answer([Data("junk".utf8)])[2] == Data("500".utf8))
        #expect(server.zap.answer(head + [Data("NULL".utf8)])[2] == Data("400".utf8))
        #expect(server.zap.answer(head + [Data("CURVE".utf8), Data(count: 5)])[2] == Data("400".utf8))
        let stranger = try CurveKeyPair.generate()
        #expect(server.zap.answer(head + [Data("CURVE".utf8), stranger.publicKey.bytes])[2] == Data("400".utf8))
        let allowed = server.zap.answer(head + [Data("CURVE".utf8), known.publicKey.bytes])
        #expect(allowed == [version, id, Data("200".utf8), Data("OK".utf8), Data("client-0".utf8), Data()])
        #expect(server.zap.refused == 4)
    }
}
