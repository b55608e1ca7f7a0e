import Foundation
import Testing
@testable import GoogleCloud

@Suite struct RetryPolicyTests {
    let ceilingOnly = RetryPolicy(initialBackoff: .seconds(1), maxBackoff: .seconds(32), jitter: { $0 })

    @Test func backoffDoublesUpToTheCap() {
        let waits = (1...8).map { ceilingOnly.delay(afterAttempt: $0) }
        #expect(waits == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(32), .seconds(32), .seconds(32)])
    }

    @Test func fullJitterStaysWithinTheCeiling() {
        for _ in 0..<200 {
            let wait = RetryPolicy.fullJitter(.seconds(4))
            #expect(wait >= .zero && wait <= .seconds(4))
        }
    }

    @Test func retryAfterIsAFloor() {
        let policy = RetryPolicy(initialBackoff: .milliseconds(10), jitter: { _ in .zero })
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3)) == .seconds(3))
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil) == .zero)
    }

    @Test func retryAfterReadsSecondsAndDates() {
        #expect(RetryAfter.parse("2") == .seconds(2))
        #expect(RetryAfter.parse("0.5") == .milliseconds(500))
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryAfter.parse("Tue, 14 Nov 2023 22:13:30 GMT", now: now) == .seconds(10))
        #expect(RetryAfter.parse("soon") == nil)
        #expect(RetryAfter.parse(nil) == nil)
    }

    @Test func onlyHarmlessRepeatsAreRetried() {
        let unavailable = RetryPredicate.Failure.api(GoogleAPIError(httpStatus: 503, message: "x"))
        let rateLimited = RetryPredicate.Failure.api(GoogleAPIError(httpStatus: 429, message: "x"))
        let badRequest = RetryPredicate.Failure.api(GoogleAPIError(httpStatus: 400, message: "x"))
        let dropped = RetryPredicate.Failure.transport(TransportError(kind: .connectionLost, url: "u", detail: "d"))
        let refused = RetryPredicate.Failure.transport(TransportError(kind: .couldNotConnect, url: "u", detail: "d"))
        func retried(_ failure: RetryPredicate.Failure, _ idempotency: Idempotency) -> Bool {
            RetryPredicates.standard.contains { $0.matches(failure, idempotency) }
        }
        #expect(retried(unavailable, .idempotent))
        #expect(retried(unavailable, .createWithFixedName))
        #expect(!retried(unavailable, .nonIdempotent))
        #expect(retried(rateLimited, .nonIdempotent))
        #expect(!retried(badRequest, .idempotent))
        #expect(retried(dropped, .idempotent))
        #expect(!retried(dropped, .nonIdempotent))
        #expect(retried(refused, .nonIdempotent))
        for status in [400, 401, 403, 404, 409, 412] {
            #expect(!retried(.api(GoogleAPIError(httpStatus: status, message: "x")), .idempotent))
        }
    }
}
