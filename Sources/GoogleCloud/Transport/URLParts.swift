/// The few parts of an absolute URL the transport needs, parsed without Foundation's URL
/// (which accepts too much and normalises too little for a security decision).
struct URLParts: Sendable, Equatable {
    var scheme: String
    var host: String
    var port: Int?

    init?(_ url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        var authority = url[schemeEnd.upperBound...]
        if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            authority = authority[..<end]
        }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = String(authority[authority.index(after: authority.startIndex)..<close]).lowercased()
            let rest = authority[authority.index(after: close)...]
            port = rest.hasPrefix(":") ? Int(rest.dropFirst()) : nil
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon]).lowercased()
            port = Int(authority[authority.index(after: colon)...])
        } else {
            host = String(authority).lowercased()
            port = nil
        }
        guard !host.isEmpty, scheme == "http" || scheme == "https" else { return nil }
    }

    /// `host:port`, or the host alone when the URL names no port.
    var authority: String { port.map { "\(host):\($0)" } ?? host }

    /// 127.0.0.0/8, ::1 and localhost: the only hosts plain http may reach.
    var isLoopback: Bool {
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { UInt8($0) != nil }
    }

    /// Hosts no proxy may ever see: loopback, link-local addresses (169.254.0.0/16 and
    /// fe80::/10, where the metadata server lives) and the metadata server's names. The
    /// metadata server answers tokens over plain http, so a proxy in between would read them.
    var isNeverProxied: Bool {
        if isLoopback || host == "metadata.google.internal" || host == "metadata.google.internal." || host == "metadata" {
            return true
        }
        if host.hasPrefix("fe8") || host.hasPrefix("fe9") || host.hasPrefix("fea") || host.hasPrefix("feb") {
            return host.contains(":")
        }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "169" && octets[1] == "254" && octets.allSatisfy { UInt8($0) != nil }
    }
}
