import Testing
@testable import GCPEmulator

/// The emulator's load balancer front end (`LoadBalancerProxy`), below the end-to-end checks
/// in EdgeEntranceTests.
@Suite struct LoadBalancerProxyTests {
    /// The URL map's path rules as Google matches them: `/ws/*` covers `/ws` and below, the
    /// longest rule wins, anything else goes to the default service.
    @Test func theURLMapChoosesTheBackendByPath() {
        let map: JSONValue = [
            "defaultService": "default",
            "hostRules": [["hosts": ["app.example.com"], "pathMatcher": "routes"]],
            "pathMatchers": [["name": "routes", "defaultService": "gateway", "pathRules": [
                ["paths": ["/ws/*"], "service": "ws"], ["paths": ["/ws/admin/*"], "service": "admin"], ["paths": ["/exact"], "service": "exact"],
            ]]],
        ]
        func backend(_ host: String, _ path: String) -> String? { LoadBalancerProxy.backendService(in: map, host: host, path: path)?.stringValue }
        #expect(backend("app.example.com", "/ws") == "ws")
        #expect(backend("app.example.com", "/ws/health") == "ws")
        #expect(backend("app.example.com", "/ws/admin/x") == "admin")
        #expect(backend("app.example.com", "/wsx") == "gateway")
        #expect(backend("app.example.com", "/exact") == "exact" && backend("app.example.com", "/exact/x") == "gateway")
        #expect(backend("other.example.com", "/ws/health") == "default")
    }
}
