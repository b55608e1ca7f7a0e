import CCurl
import Foundation

/// A service's source folder as Cloud Build receives it: a gzip'd tar of the files the
/// ignore rules keep, in sorted order with fixed owners, modes and times, so the same
/// sources always give the same bytes and the same `digest`. The digest names the upload
/// and tags the image, so an unchanged service needs neither again.
public struct SourceArchive: Sendable {
    /// The `.tar.gz` bytes.
    public var data: Data
    /// Hex SHA-256 of `data`.
    public var digest: String
    /// The paths archived (directories too), relative to the folder, sorted.
    public var paths: [String]
    /// The files and links archived: what `deploy --dry-run` lists.
    public var files: [String]
    /// Where the ignore rules came from (`.gcloudignore`, `.gitignore`, `.dockerignore`, and
    /// gcloud's default when there is no `.gcloudignore`).
    public var ignoreFiles: [String]

    /// Archives `directory`; `dockerfile` is relative to it and always kept.
    public static func make(directory: URL, dockerfile: String) throws(SourceArchiveError) -> SourceArchive {
        let rules = try IgnoreRules.load(directory: directory, dockerfile: dockerfile)
        var walker = SourceWalker(root: directory.standardizedFileURL, rules: rules)
        try walker.walk("")
        var tar = TarWriter()
        for entry in walker.entries { tar.append(path: entry.path, entry.kind) }
        let compressed = try gzip(tar.finish())
        let files = walker.entries.filter { if case .directory = $0.kind { false } else { true } }.map(\.path)
        return SourceArchive(data: compressed, digest: sha256(compressed), paths: walker.entries.map(\.path), files: files,
                             ignoreFiles: walker.rules.sources)
    }

    /// `14 files, 3.2 kB`: how big the upload is.
    public var summary: String {
        "\(files.count) file\(files.count == 1 ? "" : "s"), \(ByteCount.format(data.count))"
    }

    /// The first 16 hex digits of the digest: enough to tell sources apart, short enough for a tag.
    public var shortDigest: String { String(digest.prefix(16)) }

    static func gzip(_ data: Data) throws(SourceArchiveError) -> Data {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        let ok = data.withUnsafeBytes { buffer in
            ccompress_gzip(buffer.bindMemory(to: UInt8.self).baseAddress, buffer.count, 9, &output, &length)
        }
        guard ok == 1, let output else { throw .compressionFailed }
        defer { ccrypto_free(output) }
        return Data(bytes: output, count: length)
    }

    public static func sha256(_ data: Data) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        _ = data.withUnsafeBytes { buffer in
            ccrypto_sha256(buffer.bindMemory(to: UInt8.self).baseAddress, buffer.count, &digest)
        }
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}

/// Collects the entries of a folder in sorted order, skipping what the rules exclude.
struct SourceWalker {
    struct Entry {
        var path: String
        var kind: TarWriter.Kind
    }

    let root: URL
    /// Grows as the walk enters folders with a `.gitignore` of their own.
    private(set) var rules: IgnoreRules
    private(set) var entries: [Entry] = []

    init(root: URL, rules: IgnoreRules) {
        self.root = root
        self.rules = rules
    }

    mutating func walk(_ relative: String) throws(SourceArchiveError) {
        let directory = relative.isEmpty ? root : root.appendingPathComponent(relative, isDirectory: true)
        try rules.enter(relative, at: directory)
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() } catch {
            throw .unreadable(path: directory.path, reason: (error as NSError).localizedDescription)
        }
        for name in names {
            let path = relative.isEmpty ? name : relative + "/" + name
            let url = root.appendingPathComponent(path)
            let type = try fileType(url)
            let isDirectory = type == .typeDirectory
            if rules.excludes(path, isDirectory: isDirectory) {
                // Parents of re-included files need no entry of their own: extraction makes them.
                if isDirectory, rules.mayReinclude(under: path) { try walk(path) }
                continue
            }
            switch type {
            case .typeDirectory:
                entries.append(Entry(path: path, kind: .directory))
                try walk(path)
            case .typeSymbolicLink:
                let target: String
                do { target = try FileManager.default.destinationOfSymbolicLink(atPath: url.path) } catch {
                    throw .unreadable(path: url.path, reason: (error as NSError).localizedDescription)
                }
                entries.append(Entry(path: path, kind: .symlink(target: target)))
            case .typeRegular:
                entries.append(Entry(path: path, kind: .file(try read(url), executable: FileManager.default.isExecutableFile(atPath: url.path))))
            default:
                continue  // sockets, pipes, devices: not source
            }
        }
    }

    private func fileType(_ url: URL) throws(SourceArchiveError) -> FileAttributeType {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            return attributes[.type] as? FileAttributeType ?? .typeUnknown
        } catch {
            throw .unreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
    }

    private func read(_ url: URL) throws(SourceArchiveError) -> Data {
        do { return try Data(contentsOf: url) } catch {
            throw .unreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
    }
}

public enum SourceArchiveError: Error, Equatable, Sendable, CustomStringConvertible, ExitStatusProviding {
    case unreadable(path: String, reason: String)
    case compressionFailed

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path) for the build archive: \(reason); check its permissions"
        case .compressionFailed: "compressing the build archive failed (zlib); try again, and report it if it persists"
        }
    }

    public var exitStatus: ExitStatus { .configurationError }
}
