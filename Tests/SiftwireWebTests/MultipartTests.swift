import Foundation
import Testing
@testable import SiftwireWeb

@Suite("Multipart upload bodies")
struct MultipartTests {
    @Test func fieldsAndFilesAreSeparated() {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.md\"\r\nContent-Type: text/markdown\r\n\r\nline one\r\nline two\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\"\r\n\r\n\r\n"
            + "--XyZ--\r\n"
        let parts = Multipart.parse(Array(body.utf8), boundary: "XyZ")
        #expect(parts.count == 3)
        #expect(parts[0] == .init(name: "csrf", filename: nil, data: Array("tok".utf8)))
        #expect(parts[1].filename == "a.md")
        #expect(parts[1].text == "line one\r\nline two")
        #expect(parts[2].filename == "" && parts[2].data.isEmpty)
    }

    @Test func boundaryComesFromTheContentType() {
        #expect(Multipart.boundary(contentType: "multipart/form-data; boundary=----WebKitFormBoundaryabc") == "----WebKitFormBoundaryabc")
        #expect(Multipart.boundary(contentType: "multipart/form-data; boundary=\"q q\"") == "q q")
        #expect(Multipart.boundary(contentType: "application/x-www-form-urlencoded") == nil)
        #expect(Multipart.parse(Array("no delimiters".utf8), boundary: "x").isEmpty)
    }
}
