import Testing
@testable import GoogleCloud

/// A create that must not run twice: after each failure that may have reached Google it
/// looks for what the attempt made, as many times as the client's retry policy allows.
@Suite struct UncertainCreateTests {
    final class Counter: @unchecked Sendable {
        var creates = 0
        var looks = 0
    }

    @Test func itTriesAsOftenAsTheRetryPolicyAllowsLookingBeforeEachRepeat() async throws {
        let policy = RetryPolicy(maxAttempts: 6, initialBackoff: .milliseconds(1), jitter: { _ in .zero })
        let counter = Counter()
        let made = try await UncertainCreate(following: policy).run(existing: { () async throws -> String? in
            counter.looks += 1
            return nil
        }, create: {
            counter.creates += 1
            guard counter.creates == 5 else { throw GoogleAPIError(httpStatus: 503, message: "unavailable") }
            return "made"
        })
        #expect(made == "made")
        #expect(counter.creates == 5 && counter.looks == 4)
    }

    @Test func whatTheLostAttemptMadeIsFoundNotMadeAgain() async throws {
        let counter = Counter()
        let made = try await UncertainCreate(following: RetryPolicy(maxAttempts: 6, jitter: { _ in .zero })).run(existing: { () async throws -> String? in
            counter.looks += 1
            return "made by the first attempt"
        }, create: {
            counter.creates += 1
            throw TransportError(kind: .timedOut, url: "https://secretmanager.googleapis.com/v1/x:addVersion", detail: "timed out")
        })
        #expect(made == "made by the first attempt")
        #expect(counter.creates == 1 && counter.looks == 1)
    }

    @Test func aRefusalIsNotRepeated() async throws {
        let counter = Counter()
        await #expect(throws: GoogleAPIError.self) {
            _ = try await UncertainCreate(following: RetryPolicy(maxAttempts: 6, jitter: { _ in .zero })).run(existing: { () async throws -> String? in
                counter.looks += 1
                return nil
            }, create: { () async throws -> String in
                counter.creates += 1
                throw GoogleAPIError(httpStatus: 400, message: "bad request")
            })
        }
        #expect(counter.creates == 1 && counter.looks == 0)
    }
}
