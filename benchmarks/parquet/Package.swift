// swift-tools-version:6.0
// The Parquet benchmark's Swift side: a separate package so it never affects
// the main build. Run it through run.py (see the README beside it).
import PackageDescription

let package = Package(
    name: "parquet-bench",
    dependencies: [.package(name: "quire", path: "../..")],
    targets: [
        .executableTarget(name: "parquet-bench", dependencies: [.product(name: "QuireData", package: "quire")])
    ]
)
