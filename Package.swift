// swift-tools-version:6.0
import PackageDescription

// Linux only: the system libraries below come from Debian packages, BLAS and
// LAPACKE are opened by their Debian names, and the output swap uses
// renameat2(2). No Apple platform is declared because none is built or tested.
let package = Package(
    name: "quire",
    products: [
        .executable(name: "quire", targets: ["quire"]),
        .library(name: "QuireSite", targets: ["QuireSite"]),
        .library(name: "QuireData", targets: ["QuireData"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.28.0"),
    ],
    targets: [
        // System libraries, from Debian packages.
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        // Headers only, on Debian's include path: these libraries are opened
        // when first used (Sources/QuireData/Runtime), so an installed quire
        // needs them only for what uses them.
        // Regular expressions for SQL's regexp(): match and depth limits stop
        // a pattern that would backtrack for ever.
        .systemLibrary(name: "CPCRE2", providers: [.apt(["libpcre2-dev"])]),
        // pca and probe.
        .systemLibrary(name: "COpenBLAS", providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        // Parquet's page codecs.
        .systemLibrary(name: "CSnappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", providers: [.apt(["libzstd-dev"])]),

        // The pipeline, one module per stage:
        // content → markdown → directives (data, charts) → templates → site.
        .target(name: "QuireDiagnostics"),
        // The one located-YAML reader: quire.yaml, front matter, directive bodies.
        .target(name: "QuireYAML", dependencies: ["QuireDiagnostics", "Yams"]),
        .target(name: "QuireConfig", dependencies: ["QuireDiagnostics", "QuireYAML"]),
        .target(name: "QuireContent", dependencies: ["QuireDiagnostics", "QuireConfig", "QuireYAML"]),
        .target(name: "QuireHighlight", dependencies: ["QuireDiagnostics"]),
        .target(name: "QuireMarkdown", dependencies: ["QuireDiagnostics", "QuireHighlight", "CCmarkGFM"]),
        .target(name: "QuireBibliography", dependencies: ["QuireDiagnostics"]),
        .target(
            name: "QuireData",
            dependencies: [
                "QuireDiagnostics", "CSQLite", "CPCRE2", "COpenBLAS", "CSnappy", "CZlib", "CZstd",
                .product(name: "Crypto", package: "swift-crypto"),
                // TensorBoard event files; the .proto is kept beside its generated code.
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            exclude: ["Loaders/TensorBoard/tensorboard_event.proto"]),
        .target(name: "QuireCharts", dependencies: ["QuireDiagnostics", "QuireData", "QuireYAML"]),
        .target(
            name: "QuireDirectives",
            dependencies: ["QuireDiagnostics", "QuireData", "QuireCharts", "QuireMarkdown", "QuireYAML"]),
        .target(name: "QuireFeeds", dependencies: ["QuireDiagnostics"]),
        .target(
            name: "QuireTemplates",
            dependencies: ["QuireDiagnostics", .product(name: "Mustache", package: "swift-mustache")]),
        .target(
            name: "QuireSite",
            dependencies: [
                "QuireDiagnostics", "QuireConfig", "QuireContent", "QuireMarkdown",
                "QuireData", "QuireDirectives", "QuireTemplates", "QuireFeeds", "QuireBibliography",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(name: "QuireServe", dependencies: ["QuireSite", "QuireDiagnostics"]),
        .target(
            name: "QuireImport", dependencies: ["QuireDiagnostics", "QuireConfig", "QuireContent", "QuireSite", "QuireYAML", "QuireFeeds"]),
        .executableTarget(
            name: "quire",
            dependencies: [
                "QuireSite", "QuireServe", "QuireImport", "QuireDiagnostics", "QuireConfig", "QuireTemplates", "CCmarkGFM", "CSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .testTarget(name: "QuireDiagnosticsTests", dependencies: ["QuireDiagnostics"]),
        .testTarget(name: "QuireYAMLTests", dependencies: ["QuireYAML", "QuireDiagnostics"]),
        .testTarget(name: "QuireContentTests", dependencies: ["QuireContent", "QuireConfig", "QuireDiagnostics"]),
        .testTarget(name: "QuireMarkdownTests", dependencies: ["QuireMarkdown", "QuireDiagnostics"], exclude: ["MathCorpus"]),
        .testTarget(
            name: "QuireBibliographyTests", dependencies: ["QuireBibliography", "QuireDiagnostics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "QuireHighlightTests", dependencies: ["QuireHighlight"], resources: [.copy("Samples")]),
        .testTarget(name: "QuireDataTests", dependencies: ["QuireData", "QuireDiagnostics"]),
        .testTarget(
            name: "QuireChartsTests", dependencies: ["QuireCharts", "QuireData", "QuireDiagnostics"], resources: [.copy("Golden")]),
        .testTarget(name: "QuireDirectivesTests", dependencies: ["QuireDirectives", "QuireCharts", "QuireData", "QuireDiagnostics"]),
        .testTarget(name: "QuireFeedsTests", dependencies: ["QuireFeeds"]),
        .testTarget(
            name: "QuireSiteTests", dependencies: ["QuireSite", "QuireConfig", "QuireDiagnostics", "QuireDirectives", "QuireTemplates"],
            exclude: ["MathHardCases"]),
        .testTarget(name: "QuireServeTests", dependencies: ["QuireServe", "QuireSite"]),
        .testTarget(name: "QuireImportTests", dependencies: ["QuireImport", "QuireSite"]),
        .executableTarget(
            name: "quire-chart-bench", dependencies: ["QuireCharts", "QuireData"], path: "benchmarks/charts/quire-chart-bench"),
    ]
)
