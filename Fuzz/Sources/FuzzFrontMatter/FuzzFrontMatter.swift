import Foundation
import QuireDiagnostics

@testable import QuireContent

/// A whole Markdown file: splitting off the front matter, then reading it
/// (YAML via Yams, dates, slugs, tags). Only Diagnostics may come out.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let split = try? SplitSource.split(text, path: "fuzz.md") else { return 0 }
    var warnings: [Diagnostic] = []
    _ = try? FrontMatter.parse(
        split, path: "fuzz.md", requireDate: size % 2 == 0, timezone: TimeZone(identifier: "UTC")!, warnings: &warnings)
    return 0
}
