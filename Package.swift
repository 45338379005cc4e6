// swift-tools-version:6.0
import PackageDescription

// One set of compiler settings for every target.
let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "tenancy",
    products: [
        .library(name: "Tenancy", targets: ["Tenancy"]),
        .executable(name: "tenancy", targets: ["tenancy"]),
        .executable(name: "tenancy-bench", targets: ["tenancy-bench"]),
    ],
    targets: [
        .target(name: "Tenancy"),
        .executableTarget(name: "tenancy", dependencies: ["Tenancy"]),
        .executableTarget(name: "tenancy-bench", dependencies: ["Tenancy"], path: "Sources/tenancy-bench"),
        .target(name: "TenancyTestSupport", dependencies: ["Tenancy"], path: "Tests/TenancyTestSupport"),
        .testTarget(name: "TenancyTests", dependencies: ["Tenancy", "TenancyTestSupport"]),
        .testTarget(
            name: "TenancyEndToEndTests", dependencies: ["Tenancy", "TenancyTestSupport", "tenancy"]),
    ]
)

for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + settings
}
