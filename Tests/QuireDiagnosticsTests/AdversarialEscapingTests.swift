import Testing

@testable import QuireDiagnostics

/// Control characters must not reach an HTML page raw: NUL is a parse error,
/// and ESC sequences can reach a terminal through view-source or curl.
@Suite struct AdversarialEscapingTests {
    @Test func nulAndOtherC0ControlsBecomeReplacementCharactersInHTML() {
        // Each control (not tab, LF or CR) is one U+FFFD; markup is escaped as before.
        #expect(HTMLText.escape("a\u{0}b\u{1}c\u{1B}[31md\u{7F}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}[31md\u{7F}")
        #expect(HTMLText.escape("<\u{0}>") == "&lt;\u{FFFD}&gt;")
        #expect(HTMLText.escape("tab\there\nline\r\n") == "tab\there\nline\r\n")
    }
}
