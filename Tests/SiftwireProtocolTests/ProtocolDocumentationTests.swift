import Foundation
import Testing
import SiftwireProtocol

/// PROTOCOL.md must document every message kind and every error code the code defines.
@Suite("PROTOCOL.md stays true to the code")
struct ProtocolDocumentationTests {
    static let document: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("PROTOCOL.md"), encoding: .utf8)) ?? ""
    }()

    @Test func everyMessageKindIsDocumentedWithAnExample() {
        #expect(!Self.document.isEmpty)
        for kind in MessageKind.allCases {
            #expect(Self.document.contains("`\(kind.rawValue)`"), "\(kind.rawValue) is not described")
            #expect(Self.document.contains("[1] \(kind.rawValue) ") || Self.document.contains("[1] \(kind.rawValue)\n"),
                    "\(kind.rawValue) has no frame example")
        }
    }

    @Test func everyErrorCodeIsDocumented() {
        for code in ErrorCode.allCases {
            #expect(Self.document.contains("`\(code.rawValue)`"), "\(code.rawValue) is not described")
        }
    }

    @Test func theEnvelopeVersionIsTheOneSpoken() {
        #expect(Self.document.contains(Envelope.version))
    }
}
