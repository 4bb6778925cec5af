/// The release version and the commit a binary was built from, as `aurora-data --version` prints them.
///
/// `version` is set by hand when a release is cut; `commit` and `treeModified` are written before every build by
/// the BuildInfo plugin (`scripts/build-info.sh`), from the git checkout being built.
public enum AuroraBuildInfo {
    /// The release version.
    public static let version = "0.1.0"

    /// `0.1.0 (commit <40 hex digits>)`; `, with uncommitted changes` is added when tracked files differed from
    /// the commit, and `(commit unknown: not built from a git checkout)` replaces the commit when there was none.
    public static var description: String {
        guard !commit.isEmpty else { return "\(version) (commit unknown: not built from a git checkout)" }
        return "\(version) (commit \(commit)\(treeModified ? ", with uncommitted changes" : ""))"
    }
}
