import Testing
@testable import GoogleCloud

@Suite struct EndpointsTests {
    @Test func realRootsAreGoogleAPIs() {
        let endpoints = Endpoints(environment: [:])
        #expect(endpoints.url(.sqlAdmin, "v1/projects/p/instances") == "https://sqladmin.googleapis.com/v1/projects/p/instances")
        #expect(endpoints.url(.storage, "upload/storage/v1/b/b/o", query: [("uploadType", "media")])
                == "https://storage.googleapis.com/upload/storage/v1/b/b/o?uploadType=media")
    }

    @Test func apiEndpointServesEveryAPIUnderItsName() {
        let endpoints = Endpoints(environment: ["GCPCTL_API_ENDPOINT": "http://127.0.0.1:9000/"])
        #expect(endpoints.url(.run, "v2/projects/p/locations/r/services") == "http://127.0.0.1:9000/run/v2/projects/p/locations/r/services")
        #expect(endpoints.url(.storage, "storage/v1/b") == "http://127.0.0.1:9000/storage/storage/v1/b")
        #expect(endpoints.url(.storage, "upload/storage/v1/b/x/o") == "http://127.0.0.1:9000/storage/upload/storage/v1/b/x/o")
    }

    @Test func perAPIOverrideReplacesOnlyThatRoot() {
        let endpoints = Endpoints(environment: [
            "GCPCTL_API_ENDPOINT": "http://127.0.0.1:9000",
            "GCPCTL_ENDPOINT_STORAGE": "http://127.0.0.1:4443",
        ])
        #expect(endpoints.url(.storage, "storage/v1/b") == "http://127.0.0.1:4443/storage/v1/b")
        #expect(endpoints.url(.iam, "v1/projects/p/serviceAccounts") == "http://127.0.0.1:9000/iam/v1/projects/p/serviceAccounts")
        #expect(Endpoints(environment: ["GCPCTL_ENDPOINT_SQLADMIN": "https://sql.example/"]).url(.sqlAdmin, "v1/x")
                == "https://sql.example/v1/x")
    }

    @Test func runAppURLsMapToTheEmulatorRoute() {
        let emulator = Endpoints(environment: ["GCPCTL_API_ENDPOINT": "http://127.0.0.1:9000"])
        #expect(emulator.serviceURL("https://api-gateway-123.us-central1.run.app", path: "/health")
                == "http://127.0.0.1:9000/run.app/api-gateway-123.us-central1.run.app/health")
        #expect(Endpoints.google.serviceURL("https://api-gateway-123.us-central1.run.app/", path: "health")
                == "https://api-gateway-123.us-central1.run.app/health")
    }

    @Test func googleTokenURIFollowsTheOverride() {
        let emulator = Endpoints(environment: ["GCPCTL_API_ENDPOINT": "http://127.0.0.1:9000"])
        #expect(emulator.resolve(googleURL: "https://oauth2.googleapis.com/token") == "http://127.0.0.1:9000/oauth2/token")
        #expect(emulator.resolve(googleURL: "http://127.0.0.1:7/oauth2/token") == "http://127.0.0.1:7/oauth2/token")
        #expect(Endpoints.google.resolve(googleURL: "https://oauth2.googleapis.com/token") == "https://oauth2.googleapis.com/token")
    }

    @Test func queryValuesArePercentEncoded() {
        #expect(QueryString.encode([("filter", "state:ENABLED"), ("name", "a b/c")]) == "?filter=state%3AENABLED&name=a%20b%2Fc")
        #expect(QueryString.form([("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")])
                == "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer")
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080/x", true), ("http://127.5.6.7/", true), ("http://localhost:1/", true),
        ("http://[::1]:80/", true), ("http://10.0.0.1/", false), ("http://169.254.169.254/", false),
        ("http://127.0.0.1.evil.com/", false), ("http://metadata.google.internal/", false),
    ])
    func onlyLoopbackHostsCountAsLoopback(url: String, loopback: Bool) {
        #expect(URLParts(url)?.isLoopback == loopback)
    }
}
