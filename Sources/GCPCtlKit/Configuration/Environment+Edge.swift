import Foundation

extension Environment {
    /// The resolved `edge:` section, with the names of everything the load balancer is made of.
    public struct Edge: Codable, Equatable, Sendable {
        public var name: String
        public var domain: String
        public var address: String
        /// The service of every path no route names.
        public var defaultService: String
        /// Sorted by path.
        public var routes: [Route]
        public var httpsRedirect: Bool
        public var armor: Armor?
        /// The environment's labels, for what takes labels (address, forwarding rules, policy).
        public var labels: [String: String]
        /// The environment's short name: the end of each service's NEG and backend names.
        public var shortName: String

        public struct Route: Codable, Equatable, Sendable {
            public var path: String
            public var service: String
        }

        public struct Armor: Codable, Equatable, Sendable {
            public var policy: String
            public var rateLimit: RateLimit?
            public var waf: [String]
            public var allow: [String]
        }

        public struct RateLimit: Codable, Equatable, Sendable {
            public var count: Int
            public var intervalSec: Int
            public var exceed: String
        }

        /// The services behind the edge, once each: the default, then the routes'.
        public var services: [String] {
            var names = [defaultService]
            for route in routes where !names.contains(route.service) { names.append(route.service) }
            return names
        }

        /// What the URL map puts before a service's paths: `/ws` for `/ws/*`; nothing for the
        /// default service. The map does not rewrite paths, so the service sees them whole.
        public func pathPrefix(of service: String) -> String {
            guard service != defaultService, let route = routes.first(where: { $0.service == service }) else { return "" }
            var prefix = route.path
            while prefix.hasSuffix("*") || prefix.hasSuffix("/") { prefix.removeLast() }
            return prefix
        }

        /// Where the internet reaches a service behind the edge: `https://app.example.com/ws`.
        public func url(of service: String) -> String { "https://\(domain)\(pathPrefix(of: service))" }

        public func negName(for service: String) -> String { "\(service)-neg-\(shortName)" }
        public func backendName(for service: String) -> String { "\(service)-backend-\(shortName)" }
        public var urlMapName: String { "\(name)-urlmap" }
        public var redirectMapName: String { "\(name)-redirect" }
        public var httpsProxyName: String { "\(name)-https-proxy" }
        public var httpProxyName: String { "\(name)-http-proxy" }
        public var httpsRuleName: String { "\(name)-https-rule" }
        public var httpRuleName: String { "\(name)-http-rule" }
        /// Certificates are immutable: the name carries a hash of the domain, so a new domain
        /// is a new certificate (created before the old one is let go).
        public var certificateName: String { "\(certificatePrefix)\(Self.shortHash(domain))" }
        public var certificatePrefix: String { "\(name)-cert-" }

        /// Every name the edge gives, with what it names (for validation).
        var generatedNames: [(what: String, name: String)] {
            services.flatMap { [("the NEG of \($0)", negName(for: $0)), ("the backend service of \($0)", backendName(for: $0))] }
                + [("the URL map", urlMapName), ("the redirect URL map", redirectMapName), ("the HTTPS proxy", httpsProxyName),
                   ("the HTTP proxy", httpProxyName), ("the HTTPS forwarding rule", httpsRuleName),
                   ("the HTTP forwarding rule", httpRuleName), ("the certificate", certificateName)]
        }

        /// Six hex digits of FNV-1a: stable across runs and platforms.
        static func shortHash(_ text: String) -> String {
            var hash: UInt32 = 2_166_136_261
            for byte in text.lowercased().utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
            return String(String(hash, radix: 16).leftPadded(to: 8).suffix(6))
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: Swift.max(0, width - count)) + self }
}
