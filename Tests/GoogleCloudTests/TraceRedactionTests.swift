import Foundation
import Testing
@testable import GoogleCloud

@Suite struct TraceRedactionTests {
    @Test func secretPayloadsAndKeysAreMasked() throws {
        let body = #"{"payload":{"data":"c2VudGluZWwtc2VjcmV0"},"privateKeyData":"S0VZ","name":"projects/p/secrets/s"}"#
        let text = try #require(TraceRedaction.redact(Data(body.utf8)))
        #expect(!text.contains("c2VudGluZWwtc2VjcmV0"))
        #expect(!text.contains("S0VZ"))
        #expect(text.contains("projects/p/secrets/s"))
    }

    @Test func formBodiesKeepOnlyTheirNames() throws {
        let text = try #require(TraceRedaction.redact(Data("grant_type=refresh_token&refresh_token=sentinel-refresh".utf8)))
        #expect(!text.contains("sentinel-refresh"))
        #expect(text.contains("refresh_token=…"))
    }

    @Test func traceLinesNeverCarryTheAuthorizationHeader() {
        let event = HTTPTraceEvent(method: "GET", url: "https://x/v1", attempt: 2, status: 200, failure: nil,
                                   elapsed: .milliseconds(12), requestBody: nil, responseBody: nil)
        #expect(event.line == "GET https://x/v1 → 200 in 12 ms [attempt 2]")
    }
}
