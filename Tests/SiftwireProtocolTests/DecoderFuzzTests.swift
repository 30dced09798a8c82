import Foundation
import Testing
@testable import SiftwireProtocol
import SiftwireFuzzing
import SiftwireMessaging

/// Seeded fuzzing of the envelope and of every payload decoder: random bytes and mutated valid
/// messages (bit flips, truncation, splicing, deep nesting, invalid UTF-8, unicode edge cases,
/// JSON values of the wrong type or out of range). Invariants: no crash; a decoder either decodes
/// or throws its typed error with the documented code; what decodes re-encodes to the same bytes.
///
/// `SIFTWIRE_FUZZ_ITERATIONS` sets the inputs per test (`make fuzz`); the CI default is small.
@Suite("Fuzzing: envelope and payload decoders")
struct DecoderFuzzTests {
    static let envelopeCodes: Set<ErrorCode> = [.malformedFrames, .unsupportedVersion, .unknownKind]

    @Test func envelopeDecoderEitherDecodesOrNamesTheFault() throws {
        let iterations = FuzzBudget.iterations(default: 20_000)
        var fuzzer = FrameFuzzer(seed: FuzzBudget.seed(9001), seeds: ProtocolSamples.all)
        let deadline = ContinuousClock.now + FuzzBudget.seconds(default: 20)
        var decoded = 0, refused = 0
        for _ in 0..<iterations where ContinuousClock.now < deadline {
            let frames = fuzzer.next()
            do {
                let envelope = try Envelope.decode(frames)
                decoded += 1
                #expect(envelope.frames == frames, "a decoded envelope re-encodes to the frames it came from")
            } catch {
                refused += 1
                #expect(Self.envelopeCodes.contains(error.error.code), "\(error.error)")
                #expect(!error.error.message.isEmpty)
                // The error reply a service would send is itself a valid message.
                let reply = Envelope(ErrorReply(error.error), requestID: error.requestID.isEmpty ? "-" : error.requestID)
                let back = try JSONCoding.decode(ErrorReply.self, from: reply.body)
                #expect(back.code == error.error.code)
            }
        }
        print("fuzz envelope: \(decoded + refused) inputs, \(decoded) decoded, \(refused) refused")
        #expect(decoded > 0 && refused > 0)
    }

    /// Every body type a service or client decodes.
    static let bodyTypes: [any MessageBody.Type] = [
        HealthRequest.self, HealthReply.self, ErrorReply.self, Ack.self,
        SubmitDocuments.self, SubmitAccepted.self, TrackDocuments.self, TrackReply.self, PipelineStatusRequest.self,
        PipelineStatus.self, RetryDeadDocuments.self, RetryReply.self, ReprocessDocuments.self, ReprocessReply.self,
        WorkReady.self, WorkAssignment.self, WorkHeartbeat.self, WorkFailed.self, WorkReturn.self,
        IndexPut.self, IndexStored.self, IndexCommitted.self, DocumentAnnouncement.self, IndexMatch.self, IndexMatchReply.self,
        SearchQuery.self, SearchResults.self, EntityQuery.self, EntityProfile.self, DocumentQuery.self, DocumentView.self,
        StatsQuery.self, IndexStats.self, SourcesQuery.self, SourceList.self, EntitiesQuery.self, EntityList.self, ComentionsQuery.self, ComentionGraph.self,
        TimelineQuery.self, Timeline.self, MergeEntities.self, SplitEntity.self, DistinctEntities.self,
        WatchAdd.self, WatchAdded.self, WatchListRequest.self, WatchList.self, WatchRemove.self, WatchRemoved.self, Alert.self,
        FeedAdd.self, FeedAdded.self, FeedListRequest.self, FeedList.self, FeedRemove.self, FeedRemoved.self,
    ]

    @Test func everyPayloadDecoderDecodesOrThrowsInvalidBody() throws {
        let iterations = FuzzBudget.iterations(default: 1_500)
        var mutator = Mutator(seed: FuzzBudget.seed(424242))
        let corpus = ProtocolSamples.all.map(\.body) + [Data("{}".utf8), Data("[]".utf8), Data("null".utf8)]
        let deadline = ContinuousClock.now + FuzzBudget.seconds(default: 10)
        var tried = 0, decoded = 0
        for iteration in 0..<iterations where ContinuousClock.now < deadline {
            var body = mutator.pick(corpus)
            // Half the inputs are one JSON-level change (still JSON: reaches the field checks),
            // half are byte-level damage (reaches the parser and the UTF-8 and nesting checks).
            if mutator.chance(2), let changed = mutator.mutateJSON(body) {
                body = changed
            } else {
                for _ in 0..<(1 + mutator.int(3)) { body = mutator.mutate(body, corpus: corpus) }
            }
            if iteration % 50 == 0 { body = mutator.randomBytes(maxCount: 256) }
            for type in Self.bodyTypes {
                tried += 1
                if Self.decodeRoundTrip(type, body) { decoded += 1 }
            }
        }
        print("fuzz payloads: \(tried) decodes (\(tried / Self.bodyTypes.count) bodies × \(Self.bodyTypes.count) types), \(decoded) decoded")
        #expect(decoded > 0)
    }

    /// Decodes `body` as `type`; on success checks that encoding is stable (encode → decode →
    /// encode gives the same bytes) and that value checks only throw their documented codes.
    static func decodeRoundTrip<T: MessageBody>(_ type: T.Type, _ body: Data) -> Bool {
        let value: T
        do {
            value = try JSONCoding.decode(type, from: body)
        } catch {
            #expect(error.code == .invalidBody, "\(T.self): \(error)")
            return false
        }
        let once = JSONCoding.encode(value)
        do {
            let again = JSONCoding.encode(try JSONCoding.decode(type, from: once))
            #expect(again == once, "\(T.self) re-encodes differently")
        } catch {
            Issue.record("\(T.self) does not decode its own encoding: \(error)")
        }
        checkValidation(value)
        return true
    }

    static let validationCodes: Set<ErrorCode> = [.invalidArgument, .tooLarge]

    /// The value checks services run after decoding: they refuse, they never trap.
    static func checkValidation(_ value: some MessageBody) {
        func expectRefusalOnly(_ check: () throws(SiftwireError) -> Void) {
            do { try check() } catch { #expect(validationCodes.contains(error.code), "\(error)") }
        }
        switch value {
        case let put as IndexPut: expectRefusalOnly { () throws(SiftwireError) in try put.validate() }
        case let query as SearchQuery: expectRefusalOnly { () throws(SiftwireError) in try query.validate() }
        case let query as EntitiesQuery: expectRefusalOnly { () throws(SiftwireError) in try query.validate() }
        case let query as ComentionsQuery: expectRefusalOnly { () throws(SiftwireError) in try query.validate() }
        case let query as TimelineQuery: expectRefusalOnly { () throws(SiftwireError) in try query.validate() }
        case let watch as WatchAdd: expectRefusalOnly { () throws(SiftwireError) in try watch.validate() }
        default: break
        }
    }

    @Test(arguments: [65, 1000, 100_000])
    func deeplyNestedBodiesAreRefusedWithoutRecursion(depth: Int) {
        for open in ["[", "{\"a\":"] {
            let body = Data(String(repeating: open, count: depth).utf8)
            #expect(JSONCoding.nestingDepth(of: body) == depth)
            do {
                _ = try JSONCoding.decode(SearchQuery.self, from: body)
                Issue.record("nesting \(depth) decoded")
            } catch {
                #expect(error.code == .invalidBody)
                #expect(error.message.contains("64"))
            }
        }
    }

    @Test func invalidUTF8InABodyIsInvalidBody() {
        for bad in Mutator.invalidUTF8 {
            let body = Data(#"{"text":"Idlib "#.utf8) + Data(bad) + Data(#""}"#.utf8)
            do {
                let query = try JSONCoding.decode(SearchQuery.self, from: body)
                Issue.record("invalid UTF-8 \(bad) decoded as \(query.text.unicodeScalars.map(\.value))")
            } catch {
                #expect(error.code == .invalidBody, "\(bad)")
            }
        }
    }

    @Test func aPutWhoseSpansMissTheTextIsRefused() throws {
        let valid = ProtocolSamples.indexPut
        try valid.validate()
        var outside = valid
        outside.extraction.entities[0].mentions[0].end = valid.document.text.unicodeScalars.count + 1
        var negative = valid
        negative.extraction.entities[0].mentions[0].start = -1
        var reversed = valid
        reversed.extraction.dates[0].start = reversed.extraction.dates[0].end + 1
        var wrongText = valid
        wrongText.extraction.entities[1].mentions[0].text = "someone else"
        var noID = valid
        noID.document.id = ""
        for put in [outside, negative, reversed, wrongText, noID] {
            #expect(throws: SiftwireError.self) { try put.validate() }
        }
    }
}
