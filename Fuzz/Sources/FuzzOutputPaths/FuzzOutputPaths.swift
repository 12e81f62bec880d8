import Foundation
import QuireDiagnostics

@testable import QuireConfig
@testable import QuireContent
@testable import QuireSite

/// Output paths: the permalink pattern check of quire.yaml, Permalink.expand,
/// and the output choke point (OutputStaging.resolve). A pattern that passes
/// the check must expand to a path the choke point accepts, and whatever the
/// choke point accepts must normalize to a place inside the output folder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOutputPaths(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let root = "/nonexistent/site"
    if let resolved = try? OutputStaging.resolve(text, in: root) {
        let normalized = URL(fileURLWithPath: resolved).standardizedFileURL.path
        guard normalized.utf8.starts(with: (root + "/").utf8),
            !normalized.utf8.split(separator: UInt8(ascii: "/")).contains(where: { $0.elementsEqual("..".utf8) })
        else { fatalError("'\(text)' resolved outside: \(normalized)") }
    }
    let pattern = "/" + text
    guard pattern.contains(":slug"),
        (try? SiteConfig.validatePermalinkSegments(pattern, at: SourceLocation(path: "quire.yaml"))) != nil
    else { return 0 }
    let permalink = Permalink.expand(
        pattern, slug: "a-slug", date: Date(timeIntervalSince1970: 1_700_000_000), timezone: TimeZone(identifier: "UTC")!)
    let output = String(permalink.dropFirst()) + "index.html"
    guard (try? OutputStaging.resolve(output, in: root)) != nil else {
        fatalError("valid pattern '\(pattern)' gave a refused path '\(output)'")
    }
    return 0
}
