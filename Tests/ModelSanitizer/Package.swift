// swift-tools-version: 6.1
// AuroraDataAPIModel and its tests on their own (the folders are links to the real ones), so that
// `scripts/test.sh` can run them under the address sanitizer without building the rest of the project:
//
//   swift test --package-path Tests/ModelSanitizer --sanitize=address
//
// The module reads response bodies through raw pointers (8-byte loads in the JSON reader, the UTF-8 automaton,
// unescaping by whole-word stores, records made in their array slots); its tests, fuzzing included, must run clean
// under ASan.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "ModelSanitizer",
    targets: [
        .target(name: "AuroraDataAPIModel", swiftSettings: swiftSettings),
        .testTarget(name: "AuroraDataAPIModelTests", dependencies: ["AuroraDataAPIModel"], swiftSettings: swiftSettings),
    ]
)
