import Foundation
import GoogleCloud

/// The foundation's transport benchmark: `count` GETs at once over one libcurl multi
/// handle to an emulator answering each after its latency. Expect about one latency.
enum TransportBench {
    static func run(url: String, count: Int) async throws -> Duration {
        let transport = CurlTransport()
        let request = HTTPRequest(method: .get, url: url, headers: ["Authorization": "Bearer bench-token"])
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<count { group.addTask { try await transport.send(request).status } }
            for try await status in group where status != 200 {
                throw BenchError("a transport benchmark GET answered \(status)")
            }
        }
        return ContinuousClock.now - started
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
