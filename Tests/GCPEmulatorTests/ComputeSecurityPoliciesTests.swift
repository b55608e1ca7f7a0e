import GCPEmulator
import Testing
import TestSupport

@Suite struct ComputeSecurityPoliciesTests {
    let policies = computeBase + "/global/securityPolicies"

    let rateLimit: JSONValue = [
        "priority": 1000, "action": "throttle",
        "match": ["versionedExpr": "SRC_IPS_V1", "config": ["srcIpRanges": ["*"]]],
        "rateLimitOptions": ["conformAction": "allow", "exceedAction": "deny(429)", "enforceOnKey": "IP",
                             "rateLimitThreshold": ["count": 100, "intervalSec": 60]],
    ]

    @Test func aPolicyGetsTheDefaultRuleAndRulesChangeOneByOne() async throws {
        try await withClient(ungated()) { _, client in
            let created = try await client.post(policies, json: ["name": "edge-armor", "description": "Managed by gcpctl", "rules": [rateLimit]])
            #expect(created.json["status"] == "DONE")
            let policy = try await client.get(policies + "/edge-armor")
            #expect(policy.json["type"] == "CLOUD_ARMOR")
            #expect(policy.json["rules"]?.arrayValue?.map { $0["priority"] } == [1000, 2147483647])
            #expect(policy.json["rules"]?[1]?["action"] == "allow")
            #expect(policy.json["rules"]?[1]?["match"]?["config"]?["srcIpRanges"] == ["*"])

            let waf: JSONValue = ["priority": 2000, "action": "deny(403)", "match": ["expr": ["expression": "evaluatePreconfiguredWaf('xss-v33-stable')"]]]
            #expect(try await client.post(policies + "/edge-armor/addRule", json: waf).json["operationType"] == "addRule")
            let duplicate = try await client.post(policies + "/edge-armor/addRule", json: waf)
            #expect(duplicate.status == 400)
            #expect(duplicate.errorMessage.contains("same priorities"))
            let rule = try await client.get(policies + "/edge-armor/getRule?priority=2000")
            #expect(rule.json["match"]?["expr"]?["expression"] == "evaluatePreconfiguredWaf('xss-v33-stable')")
            #expect(rule.json["kind"] == "compute#securityPolicyRule")

            #expect(try await client.post(policies + "/edge-armor/patchRule?priority=2000", json: ["action": "deny(404)"]).status == 200)
            #expect(try await client.get(policies + "/edge-armor/getRule?priority=2000").json["action"] == "deny(404)")
            #expect(try await client.post(policies + "/edge-armor/removeRule?priority=2000").status == 200)
            #expect(try await client.get(policies + "/edge-armor/getRule?priority=2000").status == 400)
            let keepDefault = try await client.post(policies + "/edge-armor/removeRule?priority=2147483647")
            #expect(keepDefault.status == 400)
            #expect(try await client.post(policies + "/edge-armor/patchRule?priority=2147483647", json: ["action": "deny(403)"]).status == 200)
        }
    }

    @Test func rateLimitRulesFollowTheDocumentedShape() async throws {
        try await withClient(ungated()) { _, client in
            var banOnThrottle = rateLimit
            banOnThrottle["rateLimitOptions"]?["banDurationSec"] = 600
            let refused = try await client.post(policies, json: ["name": "p", "rules": [banOnThrottle]])
            #expect(refused.status == 400)
            #expect(refused.errorMessage.contains("banDurationSec"))
            var ban = banOnThrottle
            ban["action"] = "rate_based_ban"
            #expect(try await client.post(policies, json: ["name": "p", "rules": [ban]]).status == 200)
            var noOptions = rateLimit
            noOptions["rateLimitOptions"] = nil
            #expect(try await client.post(policies, json: ["name": "q", "rules": [noOptions]]).status == 400)
            let badAction = try await client.post(policies, json: ["name": "r", "rules": [["priority": 1, "action": "deny(418)",
                                                                                               "match": ["versionedExpr": "SRC_IPS_V1", "config": ["srcIpRanges": ["*"]]]]]])
            #expect(badAction.status == 400)
            let misspelt = try await client.post(policies, json: ["name": "s", "rules": [["priority": 1, "action": "allow", "mach": [:]]]])
            #expect(misspelt.status == 400)
            #expect(misspelt.errorMessage.contains("mach"))
        }
    }

    @Test func patchNeedsTheFingerprintAndLeavesRulesAlone() async throws {
        try await withClient(ungated()) { _, client in
            _ = try await client.post(policies, json: ["name": "edge-armor"])
            let fingerprint = try #require(try await client.get(policies + "/edge-armor").json["fingerprint"])
            #expect(try await client.send("PATCH", policies + "/edge-armor", json: ["description": "x"]).status == 412)
            let rules = try await client.send("PATCH", policies + "/edge-armor", json: ["rules": [rateLimit], "fingerprint": fingerprint])
            #expect(rules.status == 400)
            #expect(try await client.send("PATCH", policies + "/edge-armor", json: ["description": "edge", "fingerprint": fingerprint]).status == 200)
            #expect(try await client.get(policies + "/edge-armor").json["description"] == "edge")
        }
    }

    @Test func anAttachedPolicyCannotBeDeleted() async throws {
        try await withClient(ungated()) { _, client in
            _ = try await client.post(policies, json: ["name": "edge-armor"])
            _ = try await client.post(computeBase + "/regions/us-central1/networkEndpointGroups", json: ["name": "neg", "networkEndpointType": "SERVERLESS", "cloudRun": ["service": "api"]])
            _ = try await client.post(computeBase + "/global/backendServices", json: ["name": "api", "loadBalancingScheme": "EXTERNAL_MANAGED",
                                                                                     "backends": [["group": "regions/us-central1/networkEndpointGroups/neg"]]])
            let attach = try await client.post(computeBase + "/global/backendServices/api/setSecurityPolicy", json: ["securityPolicy": "global/securityPolicies/edge-armor"])
            #expect(attach.json["operationType"] == "setSecurityPolicy")
            let backend = try await client.get(computeBase + "/global/backendServices/api")
            #expect(backend.json["securityPolicy"] == "https://www.googleapis.com/compute/v1/projects/net-project/global/securityPolicies/edge-armor")
            let refused = try await client.send("DELETE", policies + "/edge-armor")
            #expect(refused.status == 400)
            #expect(refused.errorMessage == "The security_policy resource 'projects/net-project/global/securityPolicies/edge-armor' is already being used by 'projects/net-project/global/backendServices/api'")
            // A securityPolicy in an insert or patch body is output only: ignored.
            let fingerprint = backend.json["fingerprint"]!
            _ = try await client.send("PATCH", computeBase + "/global/backendServices/api", json: ["securityPolicy": "", "fingerprint": fingerprint])
            #expect(try await client.get(computeBase + "/global/backendServices/api").json["securityPolicy"] != nil)
            #expect(try await client.post(computeBase + "/global/backendServices/api/setSecurityPolicy", json: [:]).status == 200)
            #expect(try await client.send("DELETE", policies + "/edge-armor").json["status"] == "DONE")
        }
    }
}
