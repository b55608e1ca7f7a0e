import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Resumable uploads as Google documents them: a session URI in `Location`, chunks with
/// `Content-Range`, 308 with `Range` for what the session holds, the status asked with
/// `bytes */TOTAL`, a gap refused, the object at the end (preconditions checked then).
@Suite struct StorageResumableUploadTests {
    let start = "/storage/upload/storage/v1/b/sessions/o?uploadType=resumable&name=a.bin&ifGenerationMatch=0"

    func session(_ client: RawHTTPClient) async throws -> String {
        _ = try await client.post("/storage/storage/v1/b?project=upload-project", json: ["name": "sessions"])
        let started = try await client.post(start, json: ["contentType": "application/octet-stream"])
        #expect(started.status == 200, "\(started.text)")
        let location = try #require(started.headers.first { $0.key.lowercased() == "location" }?.value)
        #expect(location.contains("/storage/upload/storage/v1/b/sessions/o?uploadType=resumable&name=a.bin&upload_id="))
        return String(location.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" })
    }

    @Test func chunksAreHeldUntilTheLastOneMakesTheObject() async throws {
        try await withClient(ungated()) { emulator, client in
            let path = try await session(client)
            let bytes = [UInt8](repeating: 7, count: 512 * 1024) + [UInt8](repeating: 9, count: 1000)
            var anonymous = client
            anonymous.token = nil  // the session URI is its own credential
            let empty = try await anonymous.send("PUT", path, headers: ["Content-Range": "bytes */\(bytes.count)"])
            #expect(empty.status == 308)
            #expect(empty.headers.keys.allSatisfy { $0.lowercased() != "range" }, "nothing held: no Range")
            let first = try await anonymous.send("PUT", path, body: Array(bytes[0..<262144]), headers: ["Content-Range": "bytes 0-262143/\(bytes.count)"])
            #expect(first.status == 308)
            #expect(first.headers.first { $0.key.lowercased() == "range" }?.value == "bytes=0-262143")
            let gap = try await anonymous.send("PUT", path, body: Array(bytes[300_000...]), headers: ["Content-Range": "bytes 300000-\(bytes.count - 1)/\(bytes.count)"])
            #expect(gap.status == 400)
            let rest = try await anonymous.send("PUT", path, body: Array(bytes[262144...]), headers: ["Content-Range": "bytes 262144-\(bytes.count - 1)/\(bytes.count)"])
            #expect(rest.status == 200, "\(rest.text)")
            #expect(rest.json["size"] == .string(String(bytes.count)))
            let again = try await anonymous.send("PUT", path, headers: ["Content-Range": "bytes */\(bytes.count)"])
            #expect(again.status == 200, "a finished session answers with its object")
            let media = try await client.get("/storage/storage/v1/b/sessions/o/a.bin?alt=media")
            #expect(media.body == bytes)
            #expect(try await anonymous.send("PUT", "/storage/upload/storage/v1/b/sessions/o?uploadType=resumable&upload_id=nope",
                                             headers: ["Content-Range": "bytes */1"]).status == 404)
        }
    }

    @Test func thePreconditionIsCheckedWhenTheUploadEnds() async throws {
        try await withClient(ungated()) { _, client in
            let first = try await session(client)
            let second = String(try await client.post(start, json: [:]).headers.first { $0.key.lowercased() == "location" }?.value
                .drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" } ?? "")
            #expect(try await client.send("PUT", first, body: [1, 2, 3], headers: ["Content-Range": "bytes 0-2/3"]).status == 200)
            let late = try await client.send("PUT", second, body: [4, 5, 6], headers: ["Content-Range": "bytes 0-2/3"])
            #expect(late.status == 412, "ifGenerationMatch=0: the object exists by then")
        }
    }
}
