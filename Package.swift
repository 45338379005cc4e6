// swift-tools-version:6.0
import PackageDescription

// One set of compiler settings for every target.
let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

// The layers, each a target, so that the compiler refuses an import against their order
// (docs/ARCHITECTURE.md draws them):
//   TenancyCore    model, format, snapshot, rules, policy, operations, transaction (the only writer)
//   TenancyGit     git sources and hook installation (the only place git runs)   -> Core
//   TenancyReview  access changes, their review (transition rules, mass removal,
//                  authorization) and the mutation pipeline                    -> Core
//   Tenancy        what an application imports: Core, Git and Review
//   TenancyCLI     argument parsing, help, commands, output                     -> Core, Git, Review
//   tenancy        main.swift, one line                                          -> CLI
//   TenancyFixtures  the synthetic registry generator, for tests and the bench  -> Core
let package = Package(
    name: "tenancy",
    products: [
        .library(name: "Tenancy", targets: ["Tenancy"]),
        .executable(name: "tenancy", targets: ["tenancy"]),
        .executable(name: "tenancy-bench", targets: ["tenancy-bench"]),
    ],
    targets: [
        .target(name: "TenancyCore"),
        .target(name: "TenancyGit", dependencies: ["TenancyCore"]),
        .target(name: "TenancyReview", dependencies: ["TenancyCore"]),
        .target(name: "Tenancy", dependencies: ["TenancyCore", "TenancyGit", "TenancyReview"]),
        .target(name: "TenancyCLI", dependencies: ["TenancyCore", "TenancyGit", "TenancyReview"]),
        .executableTarget(name: "tenancy", dependencies: ["TenancyCLI"]),
        .target(name: "TenancyFixtures", dependencies: ["TenancyCore"]),
        .executableTarget(
            name: "tenancy-bench", dependencies: ["TenancyCLI", "TenancyFixtures"], path: "Sources/tenancy-bench"),
        .target(
            name: "TenancyTestSupport", dependencies: ["Tenancy", "TenancyFixtures"], path: "Tests/TenancyTestSupport"),
        .testTarget(
            name: "TenancyTests",
            dependencies: ["Tenancy", "TenancyCLI", "TenancyFixtures", "TenancyTestSupport"]),
        .testTarget(
            name: "TenancyEndToEndTests",
            dependencies: ["Tenancy", "TenancyCLI", "TenancyFixtures", "TenancyTestSupport", "tenancy"]),
    ]
)

for target in package.targets {
    target.swiftSettings = (target.swiftSettings ?? []) + settings
}
