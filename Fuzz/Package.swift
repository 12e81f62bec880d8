// swift-tools-version:6.0
// libFuzzer targets for quire's data loaders, kept apart from the main build.
//
//   swift build -c release --sanitize=fuzzer --package-path Fuzz
//   Fuzz/.build/release/FuzzCSV -max_total_time=300 Fuzz/corpus/csv
//
// Each target feeds arbitrary bytes to one loader; any crash, hang or
// sanitizer report is a bug (bad input must only ever become a Diagnostic).
import PackageDescription

let targets = ["FuzzCSV", "FuzzJSON", "FuzzJSONL", "FuzzNPY", "FuzzNumberFormat", "FuzzParquet", "FuzzTFRecord", "FuzzSafetensors"]
// Beyond the loaders; these use `@testable import`, so build with
// -Xswiftc -enable-testing (see README.md).
let siteTargets = ["FuzzFrontMatter", "FuzzDirectiveBody", "FuzzInlineValues", "FuzzHTMLAttributes", "FuzzOutputPaths", "FuzzTeX"]

let package = Package(
    name: "quire-fuzz",
    dependencies: [.package(name: "quire", path: "..")],
    targets: targets.map { name in
        .executableTarget(name: name, dependencies: [.product(name: "QuireData", package: "quire")])
    }
        + siteTargets.map { name in
            .executableTarget(name: name, dependencies: [.product(name: "QuireSite", package: "quire")])
        }
)
