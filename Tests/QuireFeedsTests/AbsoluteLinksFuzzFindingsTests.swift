import Dispatch
import Foundation
import Testing

@testable import QuireFeeds

/// Inputs libFuzzer's FuzzHTMLAttributes found, kept so they stay fixed. Each
/// runs on a worker thread with a deadline, so a hang fails the test instead
/// of stalling the suite.
@Suite struct AbsoluteLinksFuzzFindingsTests {
    /// The fuzz target's first byte picks the base; 0 is this one.
    static let base = "https://example.org/blog/posts/a/"

    /// Rewrites `html` twice, or nil if that takes longer than `seconds`.
    static func rewriteTwice(_ html: String, base: String, seconds: Double = 10) -> (once: String, twice: String)? {
        let result = ResultBox()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let once = AbsoluteLinks.rewrite(html, base: base)
            result.value = (once, AbsoluteLinks.rewrite(once, base: base))
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return result.value
    }

    final class ResultBox: @unchecked Sendable {
        var value: (once: String, twice: String)?
    }

    /// The 131-byte input libFuzzer reported (first byte = base 0), decoded as the target does.
    static let fuzzerInput: String = {
        let base64 =
            "ADxwvjxhIGhyZWY9Ii4uL5mZmZmZmZnGmZmZmSI+PSIuaHR0cHM6L2Y9dgF/ZW8gPGEgaHJlZj12acVgZW8gcG9zdGVyPXAizJUAAAAAAAD//3D//////wAAAAAAAADBAAAAAOVlZj0+IDxpbWEuOwAAACBzcmNzZXw9ImhyZWY9ACI="
        let bytes = [UInt8](Data(base64Encoded: base64) ?? Data())
        return String(decoding: bytes.dropFirst(), as: UTF8.self)
    }()

    @Test func fuzzerInputFinishesAndIsIdempotent() throws {
        let result = try #require(Self.rewriteTwice(Self.fuzzerInput, base: Self.base), "rewriting did not finish in 10 s")
        #expect(result.once != Self.fuzzerInput, "the input has links to rewrite")
        #expect(result.twice == result.once)
    }
}

/// The cause of the fuzzer's finding, reduced by hand: a quote or slash
/// followed by a combining mark (U+0315) is a single Character, so comparing
/// Characters missed it while the HTML tokenizer and URL parsers, which read
/// code points, still see the quote or slash.
@Suite struct CombiningMarkAfterDelimiterTests {
    static let base = AbsoluteLinksFuzzFindingsTests.base

    @Test func quoteBeforeCombiningMarkIsEscapedInAnUnquotedValue() {
        // Unquoted values end only at white space or ">", so `p"̕q` is the whole
        // value; written back quoted, its quote must become &quot;.
        #expect(
            AbsoluteLinks.rewrite("<a href=p\"\u{0315}q>", base: Self.base)
                == "<a href=\"https://example.org/blog/posts/a/p&quot;\u{0315}q\">")
    }

    @Test func quoteBeforeCombiningMarkIsEscapedInAQuotedValue() {
        #expect(
            AbsoluteLinks.rewrite("<a href='p\"\u{0315}q'>", base: Self.base)
                == "<a href='https://example.org/blog/posts/a/p&quot;\u{0315}q'>")
    }

    @Test func slashBeforeCombiningMarkStillSeparatesSegments() {
        // RFC 3986 §5.2: "../" climbs out of a/, leaving "̕x" in posts/.
        #expect(
            AbsoluteLinks.rewrite("<a href=\"../\u{0315}x\">", base: Self.base)
                == "<a href=\"https://example.org/blog/posts/\u{0315}x\">")
        // A leading "/" makes the path absolute even when a mark follows it.
        #expect(
            AbsoluteLinks.rewrite("<a href=\"/\u{0315}x\">", base: Self.base)
                == "<a href=\"https://example.org/\u{0315}x\">")
    }

    @Test func combiningMarkAfterFragmentOrQueryDelimiterIsKept() {
        #expect(
            AbsoluteLinks.rewrite("<a href=\"#\u{0315}\">", base: Self.base)
                == "<a href=\"https://example.org/blog/posts/a/#\u{0315}\">")
        #expect(
            AbsoluteLinks.rewrite("<a href=\"?\u{0315}\">", base: Self.base)
                == "<a href=\"https://example.org/blog/posts/a/?\u{0315}\">")
    }

    @Test func combiningMarkAfterLeadingSpaceIsNotTrimmedAway() {
        // The space is trimmed, the mark is part of the URL.
        #expect(
            AbsoluteLinks.rewrite("<a href=\" \u{0315}x\">", base: Self.base)
                == "<a href=\"https://example.org/blog/posts/a/\u{0315}x\">")
    }
}
