import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Uploads of build sources: gzip'd tarballs of several megabytes, by media and multipart
/// upload, create-only with `ifGenerationMatch=0`.
@Suite struct StorageUploadTests {
    let upload = "/storage/upload/storage/v1/b/sources/o"

    /// Bytes that look like a gzip stream: the magic number, then noise with every byte value
    /// (CR, LF and `-` included, as a multipart parser must cope with).
    static let tarball: [UInt8] = {
        var bytes = [UInt8](repeating: 0, count: 3 * 1_048_576)
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        bytes.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                buffer[index] = UInt8(truncatingIfNeeded: seed >> 33)
            }
        }
        bytes.replaceSubrange(0..<4, with: [0x1F, 0x8B, 0x08, 0x00])
        return bytes
    }()

    @Test func aMediaUploadOfSeveralMegabytesIsStoredByteForByteAndOnlyOnceUnderGenerationZero() async throws {
        try await withClient { _, client in
            _ = try await client.post("/storage/storage/v1/b?project=upload-project", json: ["name": "sources"])
            let created = try await client.send(
                "POST", upload + "?uploadType=media&name=builds%2Fapi.tgz&ifGenerationMatch=0", body: Self.tarball,
                headers: ["Content-Type": "application/gzip"])
            #expect(created.status == 200)
            #expect(created.json["name"] == "builds/api.tgz")
            #expect(created.json["size"] == .string(String(Self.tarball.count)))
            #expect(created.json["contentType"] == "application/gzip")
            let again = try await client.send(
                "POST", upload + "?uploadType=media&name=builds%2Fapi.tgz&ifGenerationMatch=0", body: Self.tarball,
                headers: ["Content-Type": "application/gzip"])
            #expect(again.status == 412)
            #expect(again.json["error"]?["errors"]?[0]?["reason"] == "conditionNotMet")
            let downloaded = try await client.get("/storage/storage/v1/b/sources/o/builds%2Fapi.tgz?alt=media")
            #expect(downloaded.body == Self.tarball)
            #expect(downloaded.headers["content-type"] == "application/gzip")
        }
    }

    @Test func aMultipartUploadOfABinaryBodyKeepsItsMetadataAndBytes() async throws {
        try await withClient { _, client in
            _ = try await client.post("/storage/storage/v1/b?project=upload-project", json: ["name": "sources"])
            let boundary = "emulator_boundary_5f3a9c"
            let metadata: JSONValue = ["name": "builds/web.tgz", "contentType": "application/gzip", "metadata": ["commit": "abc123"]]
            var body = Array("--\(boundary)\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n".utf8) + metadata.serializedBytes
            body += Array("\r\n--\(boundary)\r\nContent-Type: application/gzip\r\n\r\n".utf8) + Self.tarball
            body += Array("\r\n--\(boundary)--\r\n".utf8)
            let created = try await client.send(
                "POST", upload + "?uploadType=multipart&ifGenerationMatch=0", body: body,
                headers: ["Content-Type": "multipart/related; boundary=\(boundary)"])
            #expect(created.status == 200)
            #expect(created.json["size"] == .string(String(Self.tarball.count)))
            #expect(created.json["metadata"]?["commit"] == "abc123")
            let downloaded = try await client.get("/storage/storage/v1/b/sources/o/builds%2Fweb.tgz?alt=media")
            #expect(downloaded.body == Self.tarball)
            let broken = try await client.send(
                "POST", upload + "?uploadType=multipart", body: Array(body.prefix(100)),
                headers: ["Content-Type": "multipart/related; boundary=\(boundary)"])
            #expect(broken.status == 400)
        }
    }
}
