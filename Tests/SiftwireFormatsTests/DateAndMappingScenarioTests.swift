import Testing
@testable import SiftwireFormats

@Suite("Publication dates and field mappings")
struct DateAndMappingScenarioTests {
    @Test(arguments: [
        ("2016-07-05", "2016-07-05"),
        ("2016-07-05T10:30:00Z", "2016-07-05T10:30:00Z"),
        ("2016-07-05T10:30:00+03:00", "2016-07-05T07:30:00Z"),
        ("2016-07-05T01:15:30.250-0500", "2016-07-05T06:15:30Z"),
        ("2016-07-05 10:30", "2016-07-05T10:30:00Z"),
        ("2016-01-01T01:00:00+03:00", "2015-12-31T22:00:00Z"),
        ("Tue, 05 Jul 2016 10:30:00 GMT", "2016-07-05T10:30:00Z"),
        ("Tue, 5 Jul 16 10:30 +0300", "2016-07-05T07:30:00Z"),
        ("Sat, 29 Feb 2020 23:00:00 EST", "2020-03-01T04:00:00Z"),
        ("4/5/2017", "2017-04-05"),
        ("7/10/2016", "2016-07-10"),
        ("25/12/2016", "2016-12-25"),
        ("2016/07/05", "2016-07-05"),
        ("5 July 2016", "2016-07-05"),
        ("July 5, 2016", "2016-07-05"),
        ("Tuesday 5th July 2016", "2016-07-05"),
        ("Jul. 5, 2016 10:30 PM", "2016-07-05T22:30:00Z"),
        ("  5 Sept 2016 ", "2016-09-05"),
    ])
    func aDateInAnyUsualFormIsNormalised(raw: String, expected: String) {
        #expect(PublicationDate.normalize(raw) == expected)
    }

    @Test(arguments: ["", "yesterday", "2016-13-01", "2/30/2016", "31 June 2016", "2016", "July 2016", "12:30", "2016-07-05T25:00"])
    func aStringThatIsNoDateGivesNil(raw: String) {
        #expect(PublicationDate.normalize(raw) == nil)
    }

    @Test func anExplicitMappingReadsOnlyTheNamedFieldsAndDefaultsFillTheRest() throws {
        let mapping = try FieldMapping(parsing: "content=text, outlet=source")
        #expect(mapping.inputs(for: .text) == ["content"])
        #expect(mapping.inputs(for: .source) == ["outlet"])
        #expect(mapping.inputs(for: .title) == ["title", "headline"])
        let record = try RecordBuilder(mapping: mapping).build([
            "content": .string("Shelling hit the market."), "outlet": .string("SANA"), "title": .string(" Market shelled "),
            "date": .string("3/4/2016"), "tags": .string("Aleppo; shelling"), "text": .string("ignored"),
        ])
        #expect(record == DocumentRecord(text: "Shelling hit the market.", title: "Market shelled", source: "SANA",
                                         published: "2016-03-04", tags: ["Aleppo", "shelling"]))
    }

    @Test func anUnknownTargetFieldIsAClearError() {
        #expect(throws: FormatError.self) { try FieldMapping(parsing: "content=body") }
        do {
            _ = try FieldMapping(parsing: "content=body")
        } catch {
            #expect(error.code == .unknownField)
            #expect(error.message.contains("text, title, source"))
        }
        #expect((try? FieldMapping(parsing: "content")) == nil)
        #expect((try? FieldMapping(parsing: "a=text,,b=title")) == nil)
        #expect((try? FieldMapping(parsing: "")) == FieldMapping.standard)
    }

    @Test func aRecordWithoutTextOrWithABadDateFailsWithItsCode() {
        let builder = RecordBuilder()
        do { _ = try builder.build(["title": .string("t")]) } catch { #expect(error.code == .missingText) }
        do { _ = try builder.build(["text": .string("x"), "date": .string("soon")]) } catch { #expect(error.code == .invalidDate) }
        do { _ = try builder.build(["text": .list([])]) } catch { #expect(error.code == .invalidField) }
        #expect((try? RecordBuilder(strictDates: false).build(["text": .string("x"), "date": .string("soon")]))?.published == nil)
    }
}
