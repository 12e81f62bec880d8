import Foundation
import QuireData
import QuireDiagnostics
import QuireDirectives

/// A directive's body: the first byte picks query, analysis, chart or table,
/// the rest is the YAML or SQL body, run against a small table `t`.
let scope: DataScope = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-fuzz-\(getpid())")
    try? FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
    let scope = try! DataScope(
        siteRoot: root, contentRoot: root.appendingPathComponent("content"), bundleDirectory: nil, siteDataDirectory: nil)
    scope.define(
        "t",
        as: Table(columns: [
            Column(name: "step", integers: [1, 2, 3, 4, 5]),
            Column(name: "loss", doubles: [0.9, 0.5, nil, 0.3, 0.25]),
            Column(name: "run", strings: ["a", "a", "b", nil, "b"]),
        ]))
    return scope
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDirectiveBody(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let names = ["query", "analysis", "chart", "table"]
    let name = names[Int(data[0]) % names.count]
    let body = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let at = SourceLocation(path: "content/posts/fuzz.md", line: 3)
    let block = DirectiveBlock(
        name: name, argument: name == "chart" ? "" : "out\(data[0] % 3)", body: body,
        location: at, bodyLocation: at.advanced(lines: 1, column: 1))
    let context = DirectiveContext(scope: scope, sourcePath: "content/posts/fuzz.md", pageKey: "/posts/fuzz/")
    _ = try? DirectiveRegistry.standard.run(block, in: context)
    return 0
}
