import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GoogleCloud

/// Issue 16 point 6: archives over 5 MiB go up in a resumable session, chunk by chunk; after
/// a dropped connection or a 503 the client asks the session how far it got and sends only
/// the rest, in the same session.
@Suite struct ResumableUploadTests {
    static let bucket = "upload-bucket"
    static let data = Data((0..<(12 * 1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) })

    func storage(_ emulator: Emulator) async throws -> StorageAPI {
        let storage = StorageAPI(try await connect(emulator).client)
        _ = try await storage.createBucket(project: "demo-project", StorageAPI.Bucket(name: Self.bucket, location: "US"))
        return storage
    }

    func stored(_ emulator: Emulator, _ name: String) -> Data? {
        emulator.mutateState { state -> Data? in
            let versions = state.resources("demo-project", EmulatorCollections.objects, prefix: "\(Self.bucket)/\(name)#")
            return versions.last?.value["@data"]?.stringValue.flatMap { Data(base64Encoded: $0) }
        }
    }

    func sessionRequests(_ emulator: Emulator) -> [RequestLogEntry] {
        emulator.requests(methodID: "storage.objects.insert")
    }

    @Test func aLargeArchiveGoesUpInASessionChunkByChunk() async throws {
        try await withEmulator { emulator in
            let storage = try await storage(emulator)
            let object = try await storage.upload(bucket: Self.bucket, name: "source/big.tgz", data: Self.data,
                                                  contentType: "application/gzip", createOnly: true)
            #expect(object.byteCount == Int64(Self.data.count))
            #expect(stored(emulator, "source/big.tgz") == Self.data)
            let requests = sessionRequests(emulator)
            #expect(requests.first?.method == "POST" && requests.first?.url.contains("uploadType=resumable") == true)
            #expect(requests.first?.url.contains("ifGenerationMatch=0") == true)
            #expect(requests.dropFirst().map(\.method) == ["PUT", "PUT"], "12 MiB in 8 MiB chunks: \(requests.map(\.url))")
            #expect(requests.dropFirst().map(\.status) == [308, 200])
            #expect(!requests.contains { $0.url.contains("uploadType=media") })
        }
    }

    @Test func aSmallArchiveIsOneMediaUpload() async throws {
        try await withEmulator { emulator in
            let storage = try await storage(emulator)
            _ = try await storage.upload(bucket: Self.bucket, name: "small.tgz", data: Data(count: 1024), contentType: "application/gzip")
            #expect(sessionRequests(emulator).map(\.url).allSatisfy { $0.contains("uploadType=media") })
            #expect(sessionRequests(emulator).count == 1)
        }
    }

    @Test func aDroppedChunkIsResumedInTheSameSession() async throws {
        try await withEmulator { emulator in
            let storage = try await storage(emulator)
            // The first chunk's connection drops after half of it arrived (libcurl may send
            // it again by itself on a fresh connection; either way the session goes on).
            emulator.inject(FaultRule(methodID: "storage.objects.insert", httpMethod: "PUT", pathContains: "/upload/", action: .drop, times: 2))
            _ = try await storage.upload(bucket: Self.bucket, name: "big.tgz", data: Self.data, contentType: "application/gzip")
            #expect(stored(emulator, "big.tgz") == Self.data)
            #expect(sessionRequests(emulator).filter { $0.method == "POST" }.count == 1, "one session: nothing started again")
        }
    }

    /// A chunk whose answer never comes (the session got all of it): the client asks the
    /// session, which holds the chunk, and sends only the rest.
    @Test func afterATimeOutOnlyWhatTheSessionLacksIsSent() async throws {
        try await withEmulator { emulator in
            let storage = try await storage(emulator)
            emulator.inject(FaultRule(methodID: "storage.objects.insert", httpMethod: "PUT", pathContains: "/upload/",
                                      action: .delay(milliseconds: 3000), times: 1))
            let upload = StorageResumableUpload(client: storage.client, bucket: Self.bucket, name: "big.tgz", data: Self.data,
                                                contentType: "application/gzip", createOnly: true,
                                                requestTimeout: { bytes in bytes > 5 << 20 ? .milliseconds(800) : .seconds(30) })
            do { _ = try await upload.run() } catch {
                Issue.record("\(error): \(sessionRequests(emulator).map { "\($0.method) \($0.status) \($0.body.map { "\($0)" } ?? "-") \($0.fault ?? "")" })")
            }
            #expect(stored(emulator, "big.tgz") == Self.data)
            let puts = sessionRequests(emulator).filter { $0.method == "PUT" }
            #expect(puts.map(\.body) == [.string("<8388608 bytes>"), nil, .string("<4194304 bytes>")],
                    "the chunk, the question, the rest: \(puts.map { "\($0.status) \($0.body.map { "\($0)" } ?? "-")" })")
            #expect(puts.map(\.status) == [308, 308, 200])
        }
    }

    @Test func aChunkAnswered503IsResumedInTheSameSession() async throws {
        try await withEmulator { emulator in
            let storage = try await storage(emulator)
            emulator.inject(FaultRule(methodID: "storage.objects.insert", httpMethod: "PUT", pathContains: "/upload/",
                                      action: .status(code: 503, status: "UNAVAILABLE"), times: 1))
            _ = try await storage.upload(bucket: Self.bucket, name: "big.tgz", data: Self.data, contentType: "application/gzip")
            #expect(stored(emulator, "big.tgz") == Self.data)
            #expect(sessionRequests(emulator).filter { $0.method == "POST" }.count == 1)
            #expect(sessionRequests(emulator).map(\.status).contains(503))
        }
    }

    @Test func theSessionURIIsKeptOutOfTheTrace() async throws {
        try await withEmulator { emulator in
            let lines = TraceLines()
            let client = try await connect(emulator, tracer: lines.record).client
            let storage = StorageAPI(client)
            _ = try await storage.createBucket(project: "demo-project", StorageAPI.Bucket(name: Self.bucket, location: "US"))
            _ = try await storage.upload(bucket: Self.bucket, name: "big.tgz", data: Self.data, contentType: "application/gzip")
            let text = lines.all.joined(separator: "\n")
            #expect(text.contains("upload_id=REDACTED"))
            let id = try #require(sessionRequests(emulator).last?.url.split(separator: "upload_id=").last)
            #expect(!text.contains(String(id)))
        }
    }

    @Test func theTimeLimitOfARequestGrowsWithWhatItCarries() {
        #expect(StorageResumableUpload.timeout(forBytes: 1024) == .seconds(60))
        #expect(StorageResumableUpload.timeout(forBytes: 8 * 1024 * 1024) == .seconds(158))
        #expect(StorageResumableUpload.timeout(forBytes: 64 * 1024 * 1024) > .seconds(1000))
    }
}
