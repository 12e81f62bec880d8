import Foundation
import QuireData
import QuireDiagnostics
import QuireDirectives

/// The text between `{{` and `}}`: references, row indices, summaries and
/// `fmt` specifiers, against a small table `t`.
let scope: DataScope = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-fuzz-\(getpid())")
    try? FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
    let scope = try! DataScope(
        siteRoot: root, contentRoot: root.appendingPathComponent("content"), bundleDirectory: nil, siteDataDirectory: nil)
    scope.define(
        "t",
        as: Table(columns: [
            Column(name: "step", integers: [1, 2, 3, Int64.max, Int64.min]),
            Column(name: "loss", doubles: [0.9, .nan, nil, .infinity, -0.0]),
            Column(name: "run", strings: ["a", "", "b", nil, "\u{0}"]),
        ]))
    scope.define("empty", as: Table(columns: [Column(name: "v", doubles: [])]))
    return scope
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInlineValues(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let expression = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let context = DirectiveContext(scope: scope, sourcePath: "content/posts/fuzz.md", pageKey: "/posts/fuzz/")
    _ = try? InlineValues.evaluate(expression, at: SourceLocation(path: "content/posts/fuzz.md", line: 5, column: 3), in: context)
    return 0
}
