import Foundation

/// An object uploaded the way Cloud Storage advises for large objects and slow links
/// (https://cloud.google.com/storage/docs/performing-resumable-uploads): a session is
/// started (`uploadType=resumable`; its URI comes back in `Location`), the bytes go in
/// chunks (`PUT` with `Content-Range: bytes FIRST-LAST/TOTAL`, each chunk a multiple of
/// 256 KiB but the last), Google answers 308 with `Range: bytes=0-LAST` for what it holds,
/// and after a failure the session's status (`Content-Range: bytes */TOTAL`) says where to
/// go on from: bytes already received are never sent again, so a retry never starts a large
/// upload from zero. Only a session Google has forgotten (404, 410) is started again.
public struct StorageResumableUpload: Sendable {
    /// Objects larger than this are uploaded in sessions.
    public static let threshold = 5 * 1024 * 1024
    /// A chunk: a multiple of 256 KiB, as Google requires of every chunk but the last.
    public static let defaultChunkSize = 32 * 256 * 1024

    let client: GoogleCloudClient
    let bucket: String
    let name: String
    let data: Data
    let contentType: String
    let createOnly: Bool
    var chunkSize: Int
    /// The time limit of a request carrying so many bytes.
    var requestTimeout: @Sendable (Int) -> Duration

    public init(client: GoogleCloudClient, bucket: String, name: String, data: Data, contentType: String, createOnly: Bool,
                chunkSize: Int = StorageResumableUpload.defaultChunkSize,
                requestTimeout: @escaping @Sendable (Int) -> Duration = StorageResumableUpload.timeout(forBytes:)) {
        self.requestTimeout = requestTimeout
        self.client = client
        self.bucket = bucket
        self.name = name
        self.data = data
        self.contentType = contentType
        self.createOnly = createOnly
        self.chunkSize = max(256 * 1024, chunkSize / (256 * 1024) * (256 * 1024))
    }

    /// Uploads every byte; returns the object Google made.
    public func run() async throws -> StorageAPI.Object {
        var restarts = 0
        while true {
            let session = try await start()
            do {
                return try await send(to: session)
            } catch let error as GoogleAPIError where [404, 410].contains(error.httpStatus) && restarts < 2 {
                restarts += 1  // the session expired or was cancelled: Google keeps nothing of it
            }
        }
    }

    /// Starts a session: POST with the object's metadata; the session URI is in `Location`.
    func start() async throws -> String {
        var query = [("uploadType", "resumable"), ("name", name)]
        if createOnly { query.append(("ifGenerationMatch", "0")) }
        struct Metadata: Encodable { var name: String; var contentType: String }
        var call = try GoogleCall(.post, .storage, "upload/storage/v1/b/\(bucket)/o", query: query,
                                  json: Metadata(name: name, contentType: contentType), idempotency: .idempotent)
        call.headers = [("X-Upload-Content-Type", contentType), ("X-Upload-Content-Length", String(data.count))]
        let response = try await client.send(call)
        guard let location = response.headers["Location"], location.hasPrefix(client.endpoints.url(.storage, "upload/")) else {
            throw ResumableUploadError.noSession(bucket: bucket, name: name, location: response.headers["Location"])
        }
        return location
    }

    /// Sends the bytes Google does not hold yet, chunk by chunk; after a failure, asks
    /// Google how far it got and goes on from there, as many times as the retry policy
    /// allows attempts in a row without progress.
    func send(to session: String) async throws -> StorageAPI.Object {
        var offset = 0
        var failuresInARow = 0
        let policy = client.retryPolicy
        while true {
            let end = min(offset + chunkSize, data.count)
            do {
                switch try await put(session, range: offset..<end) {
                case .finished(let object): return object
                case .holds(let received):
                    offset = received
                    failuresInARow = 0
                }
            } catch let error where Self.isWorthResuming(error) {
                failuresInARow += 1
                guard failuresInARow < policy.maxAttempts else { throw error }
                try await client.sleep(policy.delay(afterAttempt: failuresInARow))
                switch try await status(of: session) {
                case .finished(let object): return object
                case .holds(let received): offset = received
                }
            }
        }
    }

    enum Progress: Sendable {
        case finished(StorageAPI.Object)
        /// The bytes Google holds: the next to send is at this offset.
        case holds(Int)
    }

    /// One chunk; one attempt (a failure is resumed from what Google reports).
    func put(_ session: String, range: Range<Int>) async throws -> Progress {
        var call = GoogleCall(.put, .storage, "upload/storage/v1/b/\(bucket)/o", body: data.subdata(in: range),
                              contentType: contentType, idempotency: .idempotent, timeout: requestTimeout(range.count))
        call.absoluteURL = session
        call.isRetried = false
        call.acceptedStatuses = [308]
        call.headers = [("Content-Range", "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(data.count)")]
        return try Self.progress(try await client.send(call), call: call.summary)
    }

    /// Where the session is: `PUT` with no body and `Content-Range: bytes */TOTAL`.
    func status(of session: String) async throws -> Progress {
        var call = GoogleCall(.put, .storage, "upload/storage/v1/b/\(bucket)/o", body: Data(), contentType: contentType,
                              idempotency: .idempotent)
        call.absoluteURL = session
        call.acceptedStatuses = [308]
        call.headers = [("Content-Range", "bytes */\(data.count)")]
        return try Self.progress(try await client.send(call), call: call.summary)
    }

    /// 308 with `Range: bytes=0-LAST` (none: nothing held yet), or the object.
    static func progress(_ response: GoogleResponse, call: String) throws -> Progress {
        guard response.status == 308 else { return .finished(try response.decode(StorageAPI.Object.self, call: call)) }
        guard let range = response.headers["Range"], let last = range.split(separator: "-").last.flatMap({ Int($0) }) else {
            return .holds(0)
        }
        return .holds(last + 1)
    }

    /// A dropped or timed-out connection, or an answer Google would have us retry: the
    /// session may hold part of the chunk, so ask it.
    static func isWorthResuming(_ error: any Error) -> Bool {
        if let error = error as? TransportError { return error.kind != .cleartextRefused && error.kind != .invalidURL }
        if let error = error as? GoogleAPIError { return [408, 429, 500, 502, 503, 504].contains(error.httpStatus) }
        return false
    }

    /// The time one request carrying `bytes` may take: 30 s plus a second for every 64 KiB
    /// (a link as slow as 512 kbit/s still finishes), never under the usual 60 s.
    public static func timeout(forBytes bytes: Int) -> Duration {
        max(.seconds(60), .seconds(30) + .milliseconds(bytes / 64 * 1000 / 1024))
    }
}

public enum ResumableUploadError: Error, Sendable, CustomStringConvertible {
    case noSession(bucket: String, name: String, location: String?)

    public var description: String {
        switch self {
        case .noSession(let bucket, let name, let location):
            "Cloud Storage did not start an upload session for gs://\(bucket)/\(name)"
                + (location.map { " (it pointed at \($0), which is not Cloud Storage's upload address)" } ?? " (no Location in its answer)")
                + "; run the command again"
        }
    }
}
