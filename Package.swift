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
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // Reading result folders, the model, aggregation and statistics. No rendering.
        .target(name: "ReportModel"),
        // Markdown (and later HTML and SVG) from the model. No file-system walking.
        .target(name: "Render", dependencies: ["ReportModel"]),
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
