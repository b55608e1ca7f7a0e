import GCPEmulator
import Testing
import TestSupport

@testable import GCPEmulator

@Suite struct RoutingTests {
    @Test func reservedExpansionSpansSlashesAndCustomVerbsAreMatched() throws {
        let router = try #require(Router.forAPI("secretmanager"))
        guard case .matched(let match) = router.route(verb: "POST", path: "v1/projects/p1/secrets/s1:addVersion") else {
            Issue.record("addVersion did not route")
            return
        }
        #expect(match.methodID == "secretmanager.projects.secrets.addVersion")
        #expect(match.pathParameters["parent"] == "projects/p1/secrets/s1")

        guard case .matched(let access) = router.route(verb: "GET", path: "v1/projects/p1/secrets/s1/versions/latest:access")
        else {
            Issue.record("access did not route")
            return
        }
        #expect(access.methodID == "secretmanager.projects.secrets.versions.access")
        #expect(access.pathParameters["name"] == "projects/p1/secrets/s1/versions/latest")
    }

    @Test func sqlAdminIsServedUnderBothVersionsWithTheSameMethodID() throws {
        let router = try #require(Router.forAPI("sqladmin"))
        for path in ["v1/projects/p/instances", "sql/v1beta4/projects/p/instances"] {
            guard case .matched(let match) = router.route(verb: "POST", path: path) else {
                Issue.record("\(path) did not route")
                continue
            }
            #expect(match.methodID == "sqladmin.instances.insert")
            #expect(match.pathParameters["project"] == "p")
        }
    }

    @Test func storagePathsAndUploadPathsRouteWithDecodedObjectNames() throws {
        let router = try #require(Router.forAPI("storage"))
        guard case .matched(let get) = router.route(verb: "GET", path: "storage/v1/b/bkt/o/dir%2Ffile.txt") else {
            Issue.record("objects.get did not route")
            return
        }
        #expect(get.methodID == "storage.objects.get")
        #expect(get.pathParameters["object"] == "dir/file.txt")
        guard case .matched(let upload) = router.route(verb: "POST", path: "upload/storage/v1/b/bkt/o") else {
            Issue.record("upload did not route")
            return
        }
        #expect(upload.methodID == "storage.objects.insert")
        #expect(upload.isMediaUpload)
    }

    @Test func resourceManagerV1AndV3AreBothServed() throws {
        let router = try #require(Router.forAPI("cloudresourcemanager"))
        guard case .matched(let v1) = router.route(verb: "POST", path: "v1/projects/my-proj:getIamPolicy"),
            case .matched(let v3) = router.route(verb: "POST", path: "v3/projects/my-proj:getIamPolicy")
        else {
            Issue.record("getIamPolicy did not route")
            return
        }
        #expect(v1.document.version == "v1")
        #expect(v1.pathParameters["resource"] == "my-proj")
        #expect(v3.document.version == "v3")
        #expect(v3.pathParameters["resource"] == "projects/my-proj")
        #expect(!v1.method.isMutating)
    }

    @Test func unknownPathsAnswerGoogleShaped404() async throws {
        try await withClient { _, client in
            let unknownAPI = try await client.get("/nosuchapi/v1/things")
            #expect(unknownAPI.status == 404)
            #expect(unknownAPI.errorStatus == "NOT_FOUND")
            let unknownPath = try await client.get("/sqladmin/v1/projects/p/gizmos")
            #expect(unknownPath.status == 404)
            #expect(unknownPath.errorStatus == "NOT_FOUND")
        }
    }

    @Test func aMethodWithoutHandlerAnswers501NamingIt() async throws {
        try await withClient(ungated()) { _, client in
            let response = try await client.get("/monitoring/v3/projects/my-project/groups")
            #expect(response.status == 501)
            #expect(response.errorStatus == "NOT_IMPLEMENTED")
            #expect(response.errorMessage.contains("monitoring.projects.groups.list"))
        }
    }
}
