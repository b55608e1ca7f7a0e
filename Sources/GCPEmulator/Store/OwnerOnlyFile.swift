import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Files that hold what the emulator was sent (secret payloads, passwords, keys), readable
/// by their owner only (0600) from the moment they exist, whatever the umask.
enum OwnerOnlyFile {
    /// Opens `path` for appending, creating it 0600, and narrows an existing file to 0600.
    static func openForAppending(_ path: String) -> FileHandle? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        guard fchmod(descriptor, 0o600) == 0 else {
            close(descriptor)
            return nil
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Replaces `path` with `bytes` atomically: a new 0600 file beside it, renamed over it.
    @discardableResult
    static func replace(_ path: String, with bytes: Data) -> Bool {
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        let written = bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
        close(descriptor)
        guard written, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }
}
