import CCurl

/// Google's front end gzips a response only when the client asks twice: `Accept-Encoding:
/// gzip` and a User-Agent containing "gzip" (Google's "Performance tips" for its APIs). The
/// emulator does the same to JSON answers, so a client that forgets the User-Agent half
/// gets plain bodies here as it would from Google, and one that asks gets to decode gzip.
enum ResponseCompression {
    static func applies(to request: HTTPRequestMessage) -> Bool {
        func values(_ name: String) -> [String] {
            request.headers.filter { $0.0.lowercased() == name }.map { $0.1.lowercased() }
        }
        let accepts = values("accept-encoding").contains { value in
            value.split(separator: ",").contains { $0.split(separator: ";").first?.trimmingCharacters(in: .whitespaces) == "gzip" }
        }
        return accepts && values("user-agent").contains { $0.contains("gzip") }
    }

    /// The reply, its JSON body gzipped when the request asked for it both ways.
    static func compress(_ reply: HTTPReply, for request: HTTPRequestMessage) -> HTTPReply {
        guard case .respond(var response, let delay) = reply, !response.body.isEmpty, applies(to: request) else { return reply }
        let header = { (name: String) in response.headers.first { $0.0.lowercased() == name }?.1.lowercased() }
        guard header("content-type")?.hasPrefix("application/json") == true, header("content-encoding") == nil,
              let compressed = gzip(response.body) else { return reply }
        response.body = compressed
        response.headers.append(("Content-Encoding", "gzip"))
        response.headers.append(("Vary", "Origin, X-Origin, Referer"))
        return .respond(response, delayMilliseconds: delay)
    }

    private static func gzip(_ bytes: [UInt8]) -> [UInt8]? {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        let ok = bytes.withUnsafeBufferPointer { ccompress_gzip($0.baseAddress, $0.count, 6, &output, &length) }
        guard ok == 1, let output else { return nil }
        defer { ccrypto_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: length))
    }
}
