// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "benchreport",
    products: [
        .executable(name: "benchreport", targets: ["benchreport"]),
        .library(name: "ReportModel", targets: ["ReportModel"]),
        .library(name: "Render", targets: ["Render"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Reading result folders, the model, aggregation and statistics. No rendering.
        .target(name: "ReportModel"),
        // GitHub's Markdown library, from Debian's packages.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Markdown, HTML (through cmark-gfm and templates) and SVG from the model. No file-system walking.
        .target(
            name: "Render",
            dependencies: [
                "ReportModel", "CCmarkGFM",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // Argument parsing and wiring only.
        .executableTarget(
            name: "benchreport",
            dependencies: [
                "ReportModel", "Render",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ReportModelTests", dependencies: ["ReportModel"]),
        .testTarget(
            name: "RenderTests", dependencies: ["Render", "ReportModel"], exclude: ["Snapshots"]),
        .testTarget(
            name: "benchreportTests", dependencies: ["benchreport"], exclude: ["Snapshots"]),
    ],
    swiftLanguageModes: [.v6]
)
