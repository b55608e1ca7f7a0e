import Foundation
import GCPEmulator
import Testing
import TestSupport

/// Issue 15 point 11: sizes near `Int64.max` (two objects of `Int64.max` bytes in every
/// bucket, a repository and a Cloud SQL disk of that size), as a hostile or broken server
/// may answer, once crashed status, cleanup and cost with an arithmetic overflow. The
/// server here is the emulator behind `HostileServer`, which changes its answers on the way.
@Suite struct HugeSizesProcessTests {
    static let largest = String(Int64.max)

    @Test func sizesNearInt64MaxAreShownInsteadOfCrashing() async throws {
        try await GCPCtlProcess.withDemoProject { emulator, gcpctl in
            #expect(try await gcpctl.run(["setup", "--env=dev", "--yes"]).status == 0)
            let proxy = try HostileServer(upstream: emulator.port) { _ in .forward(rewrite: Self.hugeSizes) }
            defer { proxy.stop() }
            var hostile = gcpctl
            hostile.environment["GCPCTL_API_ENDPOINT"] = proxy.baseURL

            let status = try await hostile.run(["status", "--env=dev"])
            #expect([0, 3].contains(status.status), "\(status.all)")
            // Int64.max bytes, in the one byte formatter's binary units.
            #expect(status.output.contains("2        8.0 EiB"), "the saturated total: \(status.output)")
            let cost = try await hostile.run(["cost", "--env=dev"])
            #expect(cost.status == 0, "\(cost.all)")
            #expect(cost.output.contains("observed: 2 objects, 8.0 EiB, every version"), "the saturated total: \(cost.output)")
            let cleanup = try await hostile.run(["cleanup", "--env=dev", "--all", "--yes", "--confirm-project=demo-project"])
            #expect(cleanup.status == 0, "\(cleanup.all)")
            for run in [status, cost, cleanup] {
                for crash in ["Fatal error", "overflow", "Stack dump", "Backtrace"] {
                    #expect(!run.all.contains(crash), "\(run.all)")
                }
            }
            #expect(proxy.requests.contains { $0.path.hasSuffix("/o") }, "the objects were listed through the proxy")
        }
    }

    /// Every bucket's objects gain two of `Int64.max` bytes; repositories and Cloud SQL
    /// disks are that large.
    static func hugeSizes(_ request: HostileServer.Request, _ body: JSONValue) -> JSONValue {
        var body = body
        let path = request.path
        if path.hasPrefix("/storage/storage/v1/b/"), path.hasSuffix("/o") {
            let bucket = path.split(separator: "/")[4]
            let huge: [JSONValue] = ["a", "b"].map { name in
                ["kind": "storage#object", "name": .string("huge-\(name)"), "bucket": .string(String(bucket)),
                 "size": .string(largest), "generation": "1"]
            }
            body["items"] = .array((body["items"]?.arrayValue ?? []) + huge)
        }
        if path.contains("/repositories") {
            if var repositories = body["repositories"]?.arrayValue {
                for index in repositories.indices { repositories[index]["sizeBytes"] = .string(largest) }
                body["repositories"] = .array(repositories)
            } else if body["format"] != nil {
                body["sizeBytes"] = .string(largest)
            }
        }
        if path.hasPrefix("/sqladmin/"), path.contains("/instances") {
            if var instances = body["items"]?.arrayValue {
                for index in instances.indices where instances[index]["settings"] != nil {
                    instances[index]["settings"]?["dataDiskSizeGb"] = .string(largest)
                }
                body["items"] = .array(instances)
            } else if body["settings"] != nil {
                body["settings"]?["dataDiskSizeGb"] = .string(largest)
            }
        }
        return body
    }
}
