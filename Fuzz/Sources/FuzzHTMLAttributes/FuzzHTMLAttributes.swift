import Foundation

@testable import QuireFeeds
@testable import QuireSite

/// Feed HTML with its links made absolute: the attribute scanner
/// (HTMLAttributeScanner, through HTMLAttributeRewriter and the link checker)
/// and URL resolution (URLReference, srcset) on arbitrary markup. The first
/// byte picks the base URL.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTMLAttributes(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bases = ["https://example.org/blog/posts/a/", "https://example.org/", "http://[::1]:8080/x/y?q#f", "https://ex.org/%2e%2e/"]
    let body = UnsafeBufferPointer(start: data + 1, count: size - 1)
    // The scanner reads forward only: names and values in order, inside the input, never overlapping.
    var end = 0
    HTMLAttributeScanner.forEachAttribute(in: body) { attribute in
        guard end <= attribute.name.lowerBound, attribute.name.upperBound <= attribute.value.lowerBound,
            attribute.value.upperBound <= body.count
        else { fatalError("attribute ranges out of order: \(attribute)") }
        end = attribute.value.upperBound
    }
    _ = LinkChecker.linksAndIDs(in: Data(buffer: body))
    let html = String(decoding: body, as: UTF8.self)
    let rewritten = AbsoluteLinks.rewrite(html, base: bases[Int(data[0]) % bases.count])
    // Rewriting is idempotent: absolute links stay as they are.
    if AbsoluteLinks.rewrite(rewritten, base: bases[Int(data[0]) % bases.count]) != rewritten {
        fatalError("rewriting absolute links changed them again")
    }
    return 0
}
