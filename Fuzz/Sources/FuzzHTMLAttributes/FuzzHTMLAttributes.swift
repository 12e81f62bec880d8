import QuireFeeds

/// Feed HTML with its links made absolute: the attribute scanner
/// (HTMLAttributeRewriter) and URL resolution (URLReference, srcset) on
/// arbitrary markup. The first byte picks the base URL.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTMLAttributes(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bases = ["https://example.org/blog/posts/a/", "https://example.org/", "http://[::1]:8080/x/y?q#f", "https://ex.org/%2e%2e/"]
    let html = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let rewritten = AbsoluteLinks.rewrite(html, base: bases[Int(data[0]) % bases.count])
    // Rewriting is idempotent: absolute links stay as they are.
    if AbsoluteLinks.rewrite(rewritten, base: bases[Int(data[0]) % bases.count]) != rewritten {
        fatalError("rewriting absolute links changed them again")
    }
    return 0
}
