import Foundation
import GCPEmulator
import Testing
import TestSupport

@Suite struct StorageTests {
    let buckets = "/storage/storage/v1/b"

    func upload(_ client: RawHTTPClient, bucket: String, name: String, data: String, query: String = "") async throws -> RawHTTPClient.Response {
        try await client.send(
            "POST", "/storage/upload/storage/v1/b/\(bucket)/o?uploadType=media&name=\(name)\(query)", body: Array(data.utf8),
            headers: ["Content-Type": "text/plain"])
    }

    @Test func bucketsAreCreatedListedAndNamedGlobally() async throws {
        try await withClient { emulator, client in
            let created = try await client.post(buckets + "?project=proj-one", json: ["name": "shared-name", "labels": ["env": "dev"]])
            #expect(created.status == 200)
            #expect(created.json["kind"] == "storage#bucket")
            #expect(created.json["projectNumber"] == .string(ProjectState.projectNumber(for: "proj-one")))
            #expect(created.json["metageneration"] == "1")
            #expect(created.json["location"] == "US")
            let again = try await client.post(buckets + "?project=proj-one", json: ["name": "shared-name"])
            #expect(again.status == 409)
            #expect(again.errorMessage.contains("already own it"))
            let elsewhere = try await client.post(buckets + "?project=proj-two", json: ["name": "shared-name"])
            #expect(elsewhere.status == 409)
            #expect(elsewhere.errorMessage.contains("not available"))
            let invalid = try await client.post(buckets + "?project=proj-one", json: ["name": "Bad_Name!"])
            #expect(invalid.status == 400)
            let listed = try await client.get(buckets + "?project=proj-one")
            #expect(listed.json["items"]?.arrayValue?.map { $0["name"] } == ["shared-name"])
            let empty = try await client.get(buckets + "?project=proj-two")
            #expect(empty.json["items"] == nil)
            #expect(emulator.resource(project: "proj-one", collection: "storage.buckets", name: "shared-name")?["labels"]?["env"] == "dev")
        }
    }

    @Test func bucketListsArePagedUnderMaxPageSize() async throws {
        var configuration = EmulatorConfiguration()
        configuration.maxPageSize = 2
        try await withClient(configuration) { _, client in
            for index in 0..<5 { _ = try await client.post(buckets + "?project=paged-project", json: ["name": .string("bucket-\(index)")]) }
            var names: [String] = []
            var token: String?
            var pages = 0
            repeat {
                let page = try await client.get(buckets + "?project=paged-project" + (token.map { "&pageToken=\($0)" } ?? ""))
                names += page.json["items"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
                token = page.json["nextPageToken"]?.stringValue
                pages += 1
            } while token != nil && pages < 10
            #expect(names == (0..<5).map { "bucket-\($0)" })
            #expect(pages == 3)
        }
    }

    @Test func patchMergesLabelsAndBumpsMetageneration() async throws {
        try await withClient { _, client in
            _ = try await client.post(buckets + "?project=proj-one", json: ["name": "patched", "labels": ["a": "1", "b": "2"]])
            let patched = try await client.send(
                "PATCH", buckets + "/patched",
                json: ["labels": ["b": .null, "c": "3"], "versioning": ["enabled": true],
                    "iamConfiguration": ["uniformBucketLevelAccess": ["enabled": true]]])
            #expect(patched.status == 200)
            #expect(patched.json["labels"] == ["a": "1", "c": "3"])
            #expect(patched.json["metageneration"] == "2")
            #expect(patched.json["versioning"]?["enabled"] == true)
            #expect(patched.json["iamConfiguration"]?["uniformBucketLevelAccess"]?["enabled"] == true)
            let stale = try await client.send("PATCH", buckets + "/patched?ifMetagenerationMatch=1", json: ["labels": ["d": "4"]])
            #expect(stale.status == 412)
        }
    }

    @Test func objectsUploadListAndDownload() async throws {
        try await withClient { _, client in
            _ = try await client.post(buckets + "?project=proj-one", json: ["name": "objects"])
            let uploaded = try await upload(client, bucket: "objects", name: "dir%2Fhello.txt", data: "hello")
            #expect(uploaded.status == 200)
            #expect(uploaded.json["name"] == "dir/hello.txt")
            #expect(uploaded.json["size"] == "5")
            #expect(uploaded.json["md5Hash"] == "XUFAKrxLKna5cZ2REBfFkg==")
            #expect(uploaded.json["crc32c"] == "mnG7TA==")
            let createOnly = try await upload(client, bucket: "objects", name: "dir%2Fhello.txt", data: "again", query: "&ifGenerationMatch=0")
            #expect(createOnly.status == 412)
            let boundary = "XYZ"
            let multipart = "--XYZ\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{\"name\":\"meta.json\",\"metadata\":{\"k\":\"v\"}}\r\n--XYZ\r\nContent-Type: application/json\r\n\r\n{}\r\n--XYZ--\r\n"
            let second = try await client.send(
                "POST", "/storage/upload/storage/v1/b/objects/o?uploadType=multipart", body: Array(multipart.utf8),
                headers: ["Content-Type": "multipart/related; boundary=\(boundary)"])
            #expect(second.status == 200)
            #expect(second.json["metadata"]?["k"] == "v")
            let listed = try await client.get(buckets + "/objects/o?prefix=dir%2F")
            #expect(listed.json["items"]?.arrayValue?.map { $0["name"] } == ["dir/hello.txt"])
            let media = try await client.get(buckets + "/objects/o/dir%2Fhello.txt?alt=media")
            #expect(media.text == "hello")
        }
    }

    @Test func aRangeGetsPartOfTheBytesAsCloudStorageAnswers() async throws {
        try await withClient { _, client in
            _ = try await client.post(buckets + "?project=proj-one", json: ["name": "objects"])
            _ = try await upload(client, bucket: "objects", name: "digits.txt", data: "0123456789")
            func get(_ range: String) async throws -> RawHTTPClient.Response {
                try await client.get(buckets + "/objects/o/digits.txt?alt=media", headers: ["Range": range])
            }
            let middle = try await get("bytes=2-4")
            #expect(middle.status == 206)
            #expect(middle.text == "234")
            #expect(middle.headers["content-range"] == "bytes 2-4/10")
            #expect(try await get("bytes=7-").text == "789")
            #expect(try await get("bytes=-3").text == "789")
            #expect(try await get("bytes=8-100").headers["content-range"] == "bytes 8-9/10")
            let pastTheEnd = try await get("bytes=10-")
            #expect(pastTheEnd.status == 416)
            #expect(pastTheEnd.headers["content-range"] == "bytes */10")
            #expect(pastTheEnd.json["error"]?["errors"]?[0]?["reason"] == "requestedRangeNotSatisfiable")
            for unread in ["bytes=5-2", "items=0-1", "bytes=0-1,4-5", "bytes=x-"] {
                let whole = try await get(unread)
                #expect(whole.status == 200 && whole.text == "0123456789", "\(unread)")
            }
        }
    }

    @Test func bucketDeleteIsRefusedWhileObjectsOrNoncurrentVersionsRemain() async throws {
        try await withClient { emulator, client in
            _ = try await client.post(buckets + "?project=proj-one", json: ["name": "versioned", "versioning": ["enabled": true]])
            _ = try await upload(client, bucket: "versioned", name: "a.txt", data: "one")
            _ = try await upload(client, bucket: "versioned", name: "a.txt", data: "two")
            let versions = try await client.get(buckets + "/versioned/o?versions=true")
            #expect(versions.json["items"]?.arrayValue?.count == 2)
            #expect(try await client.send("DELETE", buckets + "/versioned/o/a.txt").status == 204)
            let live = try await client.get(buckets + "/versioned/o")
            #expect(live.json["items"] == nil)
            let refused = try await client.send("DELETE", buckets + "/versioned")
            #expect(refused.status == 409)
            emulator.mutateState { state in
                for (key, _) in state.resources("proj-one", "storage.objects", prefix: "versioned/") {
                    state.removeResource("proj-one", "storage.objects", key)
                }
            }
            #expect(try await client.send("DELETE", buckets + "/versioned").status == 204)
            #expect(try await client.get(buckets + "/versioned").status == 404)
        }
    }
}
