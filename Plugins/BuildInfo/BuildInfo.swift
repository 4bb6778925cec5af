#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PackagePlugin

/// Before every build, writes the commit the package is built from into the target's sources
/// (`scripts/build-info.sh`), so `aurora-data --version` can name it. The generated file lives in the build
/// directory, never in git, and is rewritten only when the commit or the tree's state changed.
@main
struct BuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        let package = context.package.directoryURL
        return [
            .prebuildCommand(
                displayName: "Recording the commit of the build",
                executable: URL(filePath: "/bin/sh"),
                arguments: [
                    package.appending(path: "scripts/build-info.sh").path(percentEncoded: false),
                    output.path(percentEncoded: false), package.path(percentEncoded: false),
                ],
                outputFilesDirectory: output)
        ]
    }
}
