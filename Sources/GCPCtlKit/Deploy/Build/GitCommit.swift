import Foundation
import GoogleCloud
import Processes

/// The git commit a service's source is at, for the image tag `git-COMMIT` (the first 12
/// hex digits), so an image can be traced to the commit it was built from. Only a clean
/// checkout of the source directory gets one: an image built from uncommitted changes is
/// not that commit. No git, or not a checkout: no tag.
public enum GitCommit {
    public static let tagPrefix = "git-"

    /// `git-0123456789ab`, or nil.
    public static func tag(forSourceIn directory: URL) -> String? {
        guard let head = git(["rev-parse", "--verify", "HEAD"], in: directory),
              head.count >= 12, head.allSatisfy(\.isHexDigit) else { return nil }
        guard let changes = git(["status", "--porcelain", "--", "."], in: directory), changes.isEmpty else { return nil }
        return tagPrefix + head.prefix(12)
    }

    /// The command's standard output, trimmed; nil when it could not run or failed.
    static func git(_ arguments: [String], in directory: URL) -> String? {
        guard let child = try? ChildProcess("/usr/bin/env", ["git", "-C", directory.path] + arguments,
                                            standardOutput: .pipe, standardError: .null) else { return nil }
        let data = child.standardOutput?.readDataToEndOfFile() ?? Data()
        guard child.exitBlocking().exitedCleanly else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
