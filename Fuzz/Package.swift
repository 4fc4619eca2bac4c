// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for benchreport, kept out of the main package so that its `swift build` and
// `swift test` never see them. Build and run them as CONTRIBUTING.md says.
let package = Package(
    name: "benchreport-fuzz",
    dependencies: [
        .package(name: "benchreport", path: "..")
    ],
    targets: [
        // The result reader: bytes as a result file (under every kind of name) and as a sidecar.
        .executableTarget(
            name: "FuzzReader",
            dependencies: [.product(name: "ReportModel", package: "benchreport")]
        ),
        // Escaping and rendering: bytes as model ids, test names, metadata and numbers.
        .executableTarget(
            name: "FuzzRendering",
            dependencies: [
                .product(name: "ReportModel", package: "benchreport"),
                .product(name: "Render", package: "benchreport"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
