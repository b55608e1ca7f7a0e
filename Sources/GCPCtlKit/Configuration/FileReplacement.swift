import Foundation

/// Rewrites a local file the way its owner expects: through a symbolic link to the link's
/// target (the link stays a link), atomically (a new file in the target's own directory,
/// renamed over it, so a crash never leaves half a file and the rename cannot cross file
/// systems), and with the target's mode and owner kept (a deploy run with sudo does not
/// leave a user's `0600` .env readable by all and owned by root).
enum FileReplacement {
    enum Mode: Sendable {
        /// An existing file keeps its mode; a new one gets this mode.
        case keep(newFile: mode_t)
        /// Whatever the file had (a private key: always 0600).
        case always(mode_t)
    }

    /// Why the file was not written; nothing was changed.
    struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    /// Writes `data` to `path` and returns the path written: the link's target when `path`
    /// is a symbolic link.
    @discardableResult
    static func write(_ data: Data, to path: String, mode: Mode = .keep(newFile: 0o600)) throws(Failure) -> String {
        let target = try resolve(path)
        var existing = stat()
        let exists = lstat(target, &existing) == 0
        if exists && existing.st_mode & S_IFMT != S_IFREG {
            throw Failure(reason: "\(target) is not a regular file")
        }
        let directory = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\(name).gcpctl-\(getpid())-\(UInt32.random(in: .min ... .max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure(reason: "cannot create a file in \(directory.isEmpty ? "." : directory): \(errorText())") }
        do throws(Failure) {
            try fill(descriptor, with: data)
            if exists {
                try keepOwner(of: existing, on: descriptor, path: target)
            }
            let finalMode: mode_t = switch mode {
            case .keep(let newFile): exists ? existing.st_mode & 0o7777 : newFile
            case .always(let fixed): fixed
            }
            guard fchmod(descriptor, finalMode) == 0, fsync(descriptor) == 0 else { throw Failure(reason: errorText()) }
            close(descriptor)
            guard rename(temporary, target) == 0 else { throw Failure(reason: "cannot replace \(target): \(errorText())") }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        return target
    }

    /// `path`, or the file a symbolic link at `path` leads to (through every link); a link
    /// to nothing is refused rather than replaced by a file.
    static func resolve(_ path: String) throws(Failure) -> String {
        var link = stat()
        guard lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK else { return path }
        guard let resolved = realpath(path, nil) else {
            let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            throw Failure(reason: "\(path) is a symbolic link to \(destination), which does not exist; create that file, or replace the link with a file")
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func fill(_ descriptor: Int32, with data: Data) throws(Failure) {
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress!.advanced(by: offset), buffer.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw Failure(reason: errorText()) }
            offset += written
        }
    }

    /// The new file gets the old one's owner and group (possible as root, or for a group of
    /// ours); when it cannot, nothing is replaced rather than the owner silently changed.
    private static func keepOwner(of existing: stat, on descriptor: Int32, path: String) throws(Failure) {
        guard existing.st_uid != geteuid() || existing.st_gid != getegid() else { return }
        guard fchown(descriptor, existing.st_uid, existing.st_gid) == 0 else {
            throw Failure(reason: "it belongs to user \(existing.st_uid), group \(existing.st_gid), and a rewritten file could not keep that owner (\(errorText())); run gcpctl as that user")
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
