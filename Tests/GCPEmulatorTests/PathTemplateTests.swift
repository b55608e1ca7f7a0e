import Testing

@testable import GCPEmulator

/// Discovery path templates against request paths: which match, and what the variables hold.
@Suite struct PathTemplateTests {
    @Test func aSimpleVariableHoldsOneSegmentOfAtLeastOneCharacter() {
        let template = PathTemplate("v1/projects/{project}/instances/{instance}")
        #expect(template.match("v1/projects/p/instances/db") == ["project": "p", "instance": "db"])
        #expect(template.match("v1/projects/p/instances/db/extra") == nil)
        #expect(template.match("v1/projects//instances/db") == nil)
        #expect(template.match("v1/projects/p/instances/") == nil)
    }

    @Test func aReservedVariableSpansSlashesAndBacksOffToTheCustomVerb() {
        let template = PathTemplate("v1/{+name}:access")
        #expect(template.match("v1/projects/p/secrets/s/versions/latest:access") == ["name": "projects/p/secrets/s/versions/latest"])
        #expect(template.match("v1/projects/p/secrets/s") == nil)
    }

    @Test func twoReservedVariablesSplitAtTheLastSeparatorThatFits() {
        let template = PathTemplate("v1/{+destinationParent}/{+name}:move")
        #expect(template.match("v1/a/b/c:move") == ["destinationParent": "a/b", "name": "c"])
        #expect(template.match("v1/a:move") == nil)
    }

    @Test func capturesArePercentDecodedAndTheTemplateIsMatchedAsEncoded() {
        let template = PathTemplate("storage/v1/b/{bucket}/o/{object}")
        #expect(template.match("storage/v1/b/bkt/o/dir%2Fa%20b.txt") == ["bucket": "bkt", "object": "dir/a b.txt"])
        #expect(template.match("storage/v1/b/bkt/o/dir/a.txt") == nil)
        #expect(template.match("storage/v1/b/bkt/o/100%") == ["bucket": "bkt", "object": "100%"])
    }

    @Test func onlyTemplatesWithoutReservedVariablesKnowTheirSlashes() {
        #expect(PathTemplate("v1/projects/{project}/instances/{instance}").slashCount == 4)
        #expect(PathTemplate("v1/{+name}").slashCount == nil)
    }

    /// Routing once cost the cube of a path's length (every candidate decoded while backing
    /// off): an object name of tens of kilobytes held an emulator thread for minutes.
    @Test(.timeLimit(.minutes(1)))
    func aPathOfTensOfKilobytesRoutesToItsMethod() throws {
        let router = try #require(Router.forAPI("storage"))
        let name = Array(repeating: "segment", count: 5_000).joined(separator: "/")
        let encoded = name.replacingOccurrences(of: "/", with: "%2F")
        guard case .matched(let match) = router.route(verb: "GET", path: "storage/v1/b/bkt/o/\(encoded)") else {
            Issue.record("objects.get did not route")
            return
        }
        #expect(match.methodID == "storage.objects.get")
        #expect(match.pathParameters["object"] == name)

        let secrets = try #require(Router.forAPI("secretmanager"))
        let long = String(repeating: "s", count: 25_000)
        guard case .matched(let access) = secrets.route(verb: "GET", path: "v1/projects/p/secrets/\(long)/versions/1:access") else {
            Issue.record("versions.access did not route")
            return
        }
        #expect(access.pathParameters["name"] == "projects/p/secrets/\(long)/versions/1")

        let deep = Array(repeating: "x", count: 5_000).joined(separator: "/")
        #expect(PathTemplate("v1/{+parent}/{+name}:move").match("v1/\(deep):move")?["name"] == "x")
    }
}
