#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PackagePlugin

/// Writes the commit the package is built from into the target's sources (`scripts/build-info.sh`), so
/// `aurora-data --version` can name it. The generated file lives in the build directory, never in git.
///
/// The command runs again whenever what it reads may have changed: git's `HEAD`, index and branch ref (a commit,
/// a checkout, a staged change) and every source file of the package (an edit makes the tree modified). The
/// script rewrites the file only when its content changes, so an unchanged tree rebuilds nothing.
@main
struct BuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildCommit.swift")
        let script = package.appending(path: "scripts/build-info.sh")
        let sources = context.package.targets.compactMap { $0 as? any SourceModuleTarget }.flatMap {
            $0.sourceFiles.map(\.url)
        }
        let inputs = [script, package.appending(path: "Package.swift")] + Self.gitStateFiles(of: package) + sources
        return [
            .buildCommand(
                displayName: "Recording the commit of the build",
                executable: URL(filePath: "/bin/sh"),
                arguments: [script.path(percentEncoded: false), output.path(percentEncoded: false), package.path(percentEncoded: false)],
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }

    /// The files git changes on a commit, checkout or staging: `HEAD`, the index, the current branch's ref and
    /// `packed-refs`. A linked worktree's `.git` is a file naming its own git directory, which names the
    /// repository's common directory in `commondir`. Empty outside a git checkout.
    static func gitStateFiles(of package: URL) -> [URL] {
        let dotGit = package.appending(path: ".git")
        var gitDirectory = dotGit
        if let link = try? String(contentsOf: dotGit, encoding: .utf8), link.hasPrefix("gitdir:") {
            let path = link.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            gitDirectory = path.hasPrefix("/") ? URL(filePath: path) : package.appending(path: path)
        }
        var commonDirectory = gitDirectory
        if let common = try? String(contentsOf: gitDirectory.appending(path: "commondir"), encoding: .utf8) {
            let path = common.trimmingCharacters(in: .whitespacesAndNewlines)
            commonDirectory = path.hasPrefix("/") ? URL(filePath: path) : gitDirectory.appending(path: path)
        }
        var files = [gitDirectory.appending(path: "HEAD"), gitDirectory.appending(path: "index"),
                     commonDirectory.appending(path: "packed-refs")]
        if let head = try? String(contentsOf: gitDirectory.appending(path: "HEAD"), encoding: .utf8),
            head.hasPrefix("ref:")
        {
            let ref = head.dropFirst("ref:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            files.append(commonDirectory.appending(path: ref))
        }
        return files.filter { FileManager.default.fileExists(atPath: $0.path(percentEncoded: false)) }
    }
}
