import Foundation
import Testing
@testable import SiftwireProtocol
import SiftwireMessaging

@Suite("Envelope codec")
struct EnvelopeCodecTests {
    @Test func typedPayloadRoundTripsThroughFrames() throws {
        let request = SubmitDocuments(documents: [NewDocument(text: "Idlib, Syria —", title: "t", source: "s", date: "2023-08-03")])
        let envelope = Envelope(request)
        let frames = envelope.frames
        #expect(frames.count == 4)
        #expect(frames[0] == Data("siftwire/1".utf8))
        #expect(frames[1] == Data("ingest.submit".utf8))
        let decoded = try Envelope.decode(frames)
        #expect(decoded == envelope)
        #expect(try decoded.decodeBody(SubmitDocuments.self).documents == request.documents)
    }

    @Test func replyKeepsTheRequestID() throws {
        let request = Envelope(HealthRequest())
        let reply = request.reply(HealthReply(service: "ingest", uptimeSeconds: 1))
        #expect(reply.requestID == request.requestID)
        #expect(reply.kind == .healthReply)
        let error = request.reply(error: SiftwireError(.notFound, "gone"))
        #expect(error.kind == .error)
        #expect(try error.decodeBody(ErrorReply.self).error == SiftwireError(.notFound, "gone"))
    }

    func failure(_ frames: Frames) -> Envelope.DecodeFailure? {
        do {
            _ = try Envelope.decode(frames)
            return nil
        } catch {
            return error
        }
    }

    @Test func wrongFrameCountIsMalformed() {
        #expect(failure([])?.error.code == .malformedFrames)
        #expect(failure([Data("siftwire/1".utf8), Data("health".utf8)])?.error.code == .malformedFrames)
        let five = Envelope(HealthRequest()).frames + [Data()]
        #expect(failure(five)?.error.code == .malformedFrames)
    }

    @Test func wrongVersionIsUnsupportedAndKeepsTheRequestID() {
        var frames = Envelope(HealthRequest(), requestID: "r-1").frames
        frames[0] = Data("siftwire/9".utf8)
        let failure = failure(frames)
        #expect(failure?.error.code == .unsupportedVersion)
        #expect(failure?.requestID == "r-1")
        #expect(failure?.error.message.contains("siftwire/1") == true)
    }

    @Test func unknownKindIsNamedInTheError() {
        var frames = Envelope(HealthRequest()).frames
        frames[1] = Data("launch.missiles".utf8)
        #expect(failure(frames)?.error.code == .unknownKind)
        #expect(failure(frames)?.error.message.contains("launch.missiles") == true)
    }

    @Test func binaryGarbageInEveryFrameIsAStructuredError() {
        let garbage: Frames = (0..<4).map { _ in Data((0..<16).map { _ in UInt8.random(in: 0...255) }) }
        #expect(failure(garbage) != nil)
    }

    @Test func emptyRequestIDIsMalformed() {
        let frames = [Data("siftwire/1".utf8), Data("health".utf8), Data(), Data("{}".utf8)]
        #expect(failure(frames)?.error.code == .malformedFrames)
    }

    @Test func invalidJSONBodyIsInvalidBody() {
        let envelope = Envelope(kind: .ingestSubmit, requestID: "r", body: Data("{not json".utf8))
        #expect(throws: SiftwireError.self) { try envelope.decodeBody(SubmitDocuments.self) }
    }

    @Test func missingFieldIsNamed() throws {
        let envelope = Envelope(kind: .ingestSubmit, requestID: "r", body: Data(#"{"documents":[{"title":"x"}]}"#.utf8))
        let error = try #require(throws: SiftwireError.self) { try envelope.decodeBody(SubmitDocuments.self) }
        #expect(error.code == .invalidBody)
        #expect(error.message.contains("text"))
    }

    @Test func wrongTypeIsNamed() throws {
        let envelope = Envelope(kind: .querySearch, requestID: "r", body: Data(#"{"text":"x","limit":"ten","offset":0}"#.utf8))
        let error = try #require(throws: SiftwireError.self) { try envelope.decodeBody(SearchQuery.self) }
        #expect(error.code == .invalidBody)
        #expect(error.message.contains("limit"))
    }

    @Test func deeplyNestedJSONIsRefusedBeforeDecoding() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let envelope = Envelope(kind: .querySearch, requestID: "r", body: Data(deep.utf8))
        let error = try #require(throws: SiftwireError.self) { try envelope.decodeBody(SearchQuery.self) }
        #expect(error.message.contains("nests deeper"))
    }

    @Test func bracketsInsideStringsDoNotCountAsNesting() {
        #expect(JSONCoding.nestingDepth(of: Data(#"{"a":"[[[[\"]]]"}"#.utf8)) == 1)
    }

    @Test func bodyOfAnotherKindIsRefused() {
        let envelope = Envelope(HealthRequest())
        #expect(throws: SiftwireError.self) { try envelope.decodeBody(SearchQuery.self) }
    }

    @Test func everyErrorCodeHasAStableWireName() {
        #expect(ErrorCode.allCases.map(\.rawValue) == [
            "malformed_frames", "unsupported_version", "unknown_kind", "invalid_body", "invalid_argument",
            "too_large", "not_found", "invalid_query", "time_limit", "unavailable", "busy", "internal",
        ])
    }
}

@Suite("Payload defaults and messages for non-Swift clients")
struct PayloadDefaultsTests {
    @Test func searchLimitAndOffsetMayBeLeftOut() throws {
        let envelope = Envelope(kind: .querySearch, requestID: "r", body: Data(#"{"text":"Idlib"}"#.utf8))
        let query = try envelope.decodeBody(SearchQuery.self)
        #expect(query.limit == 10 && query.offset == 0)
        let entity = try Envelope(kind: .queryEntity, requestID: "r", body: Data(#"{"name":"HTS"}"#.utf8)).decodeBody(EntityQuery.self)
        #expect(entity.documentLimit == 10)
    }

    @Test func typeErrorsNameJSONTypes() throws {
        let envelope = Envelope(kind: .ingestSubmit, requestID: "r", body: Data(#"{"documents":{"text":"x"}}"#.utf8))
        let error = try #require(throws: SiftwireError.self) { try envelope.decodeBody(SubmitDocuments.self) }
        #expect(error.message == "field 'documents' should be an array")
    }
}
