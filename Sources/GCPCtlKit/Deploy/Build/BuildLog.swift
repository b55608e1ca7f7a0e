import Foundation
import GoogleCloud

/// A build's log, followed as `gcloud builds submit` follows it: Cloud Build writes it to
/// `log-ID.txt` in the build's logs bucket while the build runs, and each read downloads
/// only the bytes past those already read (`Range: bytes=N-`) and hands back the whole
/// lines among them.
///
/// Reading it needs permission on that bucket (a project Viewer's, for Google's default
/// one), which a deployer may lack. So the log is best-effort: a read is one attempt with a
/// short timeout (a read that times out is tried again at the next poll), and the first
/// other failure ends the following of this log, saying why once; the build is then
/// followed by its status and log URL alone. A 404 before anything was read means Cloud
/// Build has not written the log yet (the build is still queued), unless the build has
/// finished.
final class BuildLogTail: Sendable {
    /// The latest lines kept: what a failed build shows.
    static let keptLines = 20
    /// A read that takes longer is given up: the next poll reads again.
    static let defaultReadTimeout: Duration = .seconds(10)
    /// Logging modes that write no log to Cloud Storage.
    static let loggingElsewhere: Set = ["CLOUD_LOGGING_ONLY", "STACKDRIVER_ONLY", "NONE"]

    let bucket: String
    let object: String
    /// A build of one step: `Step #0: ` says nothing, so lines lose it.
    let dropsStepPrefix: Bool
    let readTimeout: Duration
    private let storage: StorageAPI
    private let state = Locked(State())

    private struct State {
        var offset: Int64 = 0
        /// The bytes of a line not yet ended.
        var partial = Data()
        var latest: [String] = []
        var stopped = false
    }

    /// What one read found.
    struct Read: Sendable {
        var lines: [String] = []
        /// Set on the read that gave up on the log: why.
        var stoppedBecause: String?
    }

    /// nil when the build writes no log to Cloud Storage.
    init?(build: CloudBuildAPI.Build, storage: StorageAPI, readTimeout: Duration = defaultReadTimeout) {
        guard let id = build.id, let logsBucket = build.logsBucket, logsBucket.hasPrefix("gs://"),
            !Self.loggingElsewhere.contains(build.options?.logging ?? "")
        else { return nil }
        // `gs://BUCKET` or `gs://BUCKET/FOLDER`.
        let path = logsBucket.dropFirst("gs://".count).split(separator: "/", maxSplits: 1).map(String.init)
        guard let bucket = path.first else { return nil }
        let folder = path.count > 1 ? path[1].trimmingCharacters(in: CharacterSet(charactersIn: "/")) : ""
        self.bucket = bucket
        object = (folder.isEmpty ? "" : folder + "/") + "log-\(id).txt"
        dropsStepPrefix = build.steps?.count == 1
        self.readTimeout = readTimeout
        self.storage = storage
    }

    var address: String { "gs://\(bucket)/\(object)" }

    /// The latest `keptLines` lines read.
    var latestLines: [String] { state.current.latest }

    /// The new whole lines since the last read (and, once the build has finished, an
    /// unended last line too). Never throws: a failure ends the tailing. One read at a time.
    func read(buildFinished: Bool = false) async -> Read {
        let (offset, stopped) = state.withLock { ($0.offset, $0.stopped) }
        guard !stopped else { return Read() }
        let data: Data
        do {
            data = try await storage.download(bucket: bucket, name: object, from: offset, retried: false, timeout: readTimeout)
        } catch let error as GoogleAPIError where error.isNotFound && offset == 0 && !buildFinished {
            return Read()
        } catch let error as TransportError where error.isTimeout {
            // Slow, not refused: the next read asks for the same bytes again.
            return Read()
        } catch is CancellationError {
            return Read()
        } catch {
            state.withLock { $0.stopped = true }
            return Read(stoppedBecause: Self.reason(error))
        }
        return state.withLock { state in
            state.offset += Int64(data.count)
            state.partial.append(data)
            var lines: [String] = []
            // Split once up to the last newline: a read can bring thousands of lines.
            if let last = state.partial.lastIndex(of: UInt8(ascii: "\n")) {
                lines = state.partial[state.partial.startIndex..<last]
                    .split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(line)
                state.partial = Data(state.partial[state.partial.index(after: last)...])
            }
            if buildFinished, !state.partial.isEmpty {
                lines.append(line(state.partial))
                state.partial = Data()
            }
            state.latest = Array((state.latest + lines).suffix(Self.keptLines))
            return Read(lines: lines)
        }
    }

    /// `403 PERMISSION_DENIED: …`: the answer itself, short, without the advice a failed
    /// deploy would give.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? GoogleAPIError else { return "\(error)" }
        return "\(error.httpStatus)\(error.status.map { " \($0)" } ?? ""): \(error.message)"
    }

    private func line(_ bytes: some Collection<UInt8>) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        if dropsStepPrefix, text.hasPrefix("Step #0: ") { text.removeFirst("Step #0: ".count) }
        return text
    }
}
