import QuireDiagnostics
import Testing

@testable import QuireYAML

/// The one policy every YAML body is read with (see YAMLNode), value by value.
/// Expectations are the policy's own words, worked out by hand from YAML 1.2's
/// grammar (what is plain, what is quoted) and the decimal forms it names.
@Suite struct YAMLPolicyTests {
    let origin = SourceLocation(path: "p.md", line: 10, column: 1)

    func value(_ scalar: String) throws -> YAMLNode {
        let root = try #require(try YAMLReader.read("k: \(scalar)\n", at: origin))
        return try #require(root.pairs?.first?.value)
    }

    @Test(arguments: [
        ("true", true), ("True", true), ("yes", true), ("YES", true), ("on", true),
        ("false", false), ("No", false), ("off", false),
    ])
    func plainBooleanWords(text: String, expected: Bool) throws {
        #expect(try value(text).bool == expected)
    }

    @Test(arguments: ["\"true\"", "'yes'", "y", "1", "~"])
    func quotedOrOtherWordsAreNotBooleans(text: String) throws {
        #expect(try value(text).bool == nil)
    }

    @Test(arguments: ["", "~", "null", "Null", "NULL"])
    func plainNulls(text: String) throws {
        #expect(try value(text).isNull)
    }

    @Test(arguments: ["\"~\"", "'null'", "none", "nil"])
    func quotedNullsAreText(text: String) throws {
        #expect(try !value(text).isNull)
    }

    @Test(arguments: [
        ("1e3", 1000.0), ("-2.5", -2.5), (".5", 0.5), ("1_000", 1000.0), ("\"3\"", 3.0), ("+4", 4.0),
    ])
    func decimalNumbers(text: String, expected: Double) throws {
        #expect(try value(text).number == expected)
    }

    @Test(arguments: ["0x10", "0o17", "1:30", ".inf", "-.inf", ".nan", "inf", "nan", "1e999", "ten", "2026-01-01"])
    func otherFormsAreNotNumbers(text: String) throws {
        #expect(try value(text).number == nil)
    }

    @Test func wholeNumbers() throws {
        #expect(try value("1_000").int == 1000)
        #expect(try value("-3").int == -3)
        #expect(try value("1e3").int == nil)
        #expect(try value("2.0").int == nil)
        #expect(try value("0x10").int == nil)
    }

    /// No implicit types: a date, a version, a time stay the text written.
    @Test func nothingIsTypedImplicitly() throws {
        #expect(try value("2026-01-01").text == "2026-01-01")
        #expect(try value("2026-01-01T10:00:00Z").text == "2026-01-01T10:00:00Z")
        #expect(try value("1.10").text == "1.10")
        #expect(try value("012").text == "012")
    }

    @Test func marksBecomeLocationsShiftedByTheOrigin() throws {
        let root = try #require(try YAMLReader.read("a: 1\nb:\n  - x\n  - yy\n", at: SourceLocation(path: "p.md", line: 10, column: 5)))
        let b = try #require(root.pairs?.last)
        #expect(b.key.location == SourceLocation(path: "p.md", line: 11, column: 5))
        #expect(b.value.items?.last?.location == SourceLocation(path: "p.md", line: 13, column: 9))
    }

    @Test func malformedYAMLIsOneLocatedError() {
        #expect(throws: Diagnostic.self) { try YAMLReader.read("a: [1, 2\n", at: origin) }
        do {
            _ = try YAMLReader.read("a: 1\n\tb: 2\n", at: origin)
            Issue.record("a tab-indented key was read")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.message.hasPrefix("invalid YAML: "))
            #expect(diagnostic.location.line == 11)
            #expect(diagnostic.hint == "check indentation and quote values that contain ':' or '#'")
        } catch { Issue.record("\(error)") }
    }

    @Test func aKeyGivenTwiceIsLocatedAtItsFirstUse() {
        do {
            _ = try YAMLReader.read("a: 1\nb: 2\na: 3\n", at: origin)
            Issue.record("a duplicate key was read")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.message == "invalid YAML: key 'a' appears twice in the same mapping")
            #expect(diagnostic.location == SourceLocation(path: "p.md", line: 10, column: 1))
        } catch { Issue.record("\(error)") }
    }

    @Test func unknownKeysSuggestTheNearest() throws {
        let root = try #require(try YAMLReader.read("titel: x\nzzz: y\n", at: origin))
        let problems = YAMLReader.unknownKeys(
            try #require(root.pairs), accepted: ["title", "date"], in: "the front matter", severity: .warning)
        #expect(
            problems.map(\.description) == [
                "p.md:10:1: warning: unknown key 'titel' in the front matter is ignored",
                "p.md:11:1: warning: unknown key 'zzz' in the front matter is ignored",
            ])
        #expect(problems.map(\.hint) == ["did you mean 'title'?", "accepted keys: title, date"])
    }
}
