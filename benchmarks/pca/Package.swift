// swift-tools-version:6.0
// The PCA benchmark's Swift side: a separate package so it never affects the
// main build. Run it through run.py (see the README beside it).
import PackageDescription

let package = Package(
    name: "pca-bench",
    dependencies: [.package(name: "quire", path: "../..")],
    targets: [
        .executableTarget(
            name: "pca-bench",
            dependencies: [.product(name: "QuireData", package: "quire")],
            swiftSettings: [.unsafeFlags(["-Ounchecked"])])
    ]
)
