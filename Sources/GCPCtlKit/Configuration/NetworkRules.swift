import GoogleCloud

/// Google's rules for the private network's names and ranges
/// (https://cloud.google.com/vpc/docs/subnets#valid-ranges,
/// https://cloud.google.com/vpc/docs/configure-private-services-access,
/// https://cloud.google.com/vpc/docs/configure-serverless-vpc-access).
enum NetworkRules {
    static let routingModes = ["REGIONAL", "GLOBAL"]
    static let egressSettings = ["PRIVATE_RANGES_ONLY", "ALL_TRAFFIC"]
    static let connectorMachineTypes = ["e2-micro", "f1-micro", "e2-standard-4"]

    /// Compute Engine's names: RFC 1035, 1 to 63 characters.
    static func computeNameProblem(_ name: String, what: String) -> String? {
        ComputeAPI.isValidName(name) ? nil
            : "'\(name)' is not a valid \(what) name; use at most 63 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen"
    }

    /// A connector's id: at most 25 characters (the API's pattern), and under 21 with each
    /// hyphen counting as two (Google's page on connectors).
    static func connectorNameProblem(_ name: String) -> String? {
        if name.count > 25 { return "'\(name)' is \(name.count) characters; a connector name has at most 25" }
        guard VPCAccessAPI.isValidConnectorID(name) else {
            return "'\(name)' is not a valid connector name; use lowercase letters, digits and hyphens, starting with a letter, under 21 characters with each hyphen counting as two"
        }
        return nil
    }

    /// A private IPv4 block (`10.0.0.0/20`), its prefix within `prefixes`.
    static func rangeProblem(_ text: String, prefixes: ClosedRange<Int>) -> String? {
        guard let block = IPv4Range(text) else { return "'\(text)' is not an IPv4 range in CIDR notation (e.g. 10.0.0.0/20)" }
        if block.hasHostBits { return "'\(text)' has host bits set; did you mean \(block.network)?" }
        if !block.isPrivate { return "'\(text)' is not a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10)" }
        if !prefixes.contains(block.prefix) {
            return prefixes.count == 1 ? "'\(text)' must be a /\(prefixes.lowerBound)" : "'\(text)' must be a /\(prefixes.lowerBound) to /\(prefixes.upperBound)"
        }
        return nil
    }
}

/// An IPv4 block `a.b.c.d/n`, for the configuration's checks.
struct IPv4Range: Equatable, Sendable {
    var base: UInt32
    var prefix: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), (0...32).contains(prefix), let base = Self.address(String(parts[0])) else { return nil }
        self.base = base
        self.prefix = prefix
    }

    init?(address: String, prefix: Int) { self.init("\(address)/\(prefix)") }

    static func address(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard (1...3).contains(octet.count), octet.allSatisfy { $0 >= "0" && $0 <= "9" }, let byte = UInt32(octet), byte <= 255 else { return nil }
            value = value << 8 | byte
        }
        return value
    }

    var mask: UInt32 { prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix) }
    var last: UInt32 { base | ~mask }
    var hasHostBits: Bool { base & ~mask != 0 }
    var network: String { "\(Self.text(base & mask))/\(prefix)" }
    func overlaps(_ other: IPv4Range) -> Bool { base & mask <= other.last && other.base & other.mask <= last }

    var isPrivate: Bool {
        ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].compactMap { IPv4Range($0) }
            .contains { $0.base <= base && last <= $0.last }
    }

    static func text(_ value: UInt32) -> String { "\(value >> 24 & 0xFF).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)" }
}

extension EnvironmentValidator {
    mutating func checkNetwork() {
        guard let network = environment.network else { return }
        let path = DocumentPath.root.key("network")
        checkName(path.key("name"), network.name) { NetworkRules.computeNameProblem($0, what: "VPC network") }
        check(path.key("routingMode"), choiceProblem(network.routingMode, allowed: NetworkRules.routingModes, what: "routing mode"))
        check(path.key("egress"), choiceProblem(network.egress, allowed: NetworkRules.egressSettings, what: "egress setting"))
        var ranges: [(path: DocumentPath, range: IPv4Range)] = []
        if let subnet = network.subnet {
            checkName(path.key("subnet").key("name"), subnet.name) { NetworkRules.computeNameProblem($0, what: "subnetwork") }
            let problem = NetworkRules.rangeProblem(subnet.ipCidrRange, prefixes: 8...29)
            check(path.key("subnet").key("ipCidrRange"), problem)
            if problem == nil, let range = IPv4Range(subnet.ipCidrRange) { ranges.append((path.key("subnet").key("ipCidrRange"), range)) }
        }
        if let access = network.privateServiceAccess {
            let accessPath = path.key("privateServiceAccess")
            checkName(accessPath.key("range"), access.range) { NetworkRules.computeNameProblem($0, what: "address range") }
            if !(8...29).contains(access.prefixLength) {
                check(accessPath.key("prefixLength"), "\(access.prefixLength) is outside 8 to 29; Google recommends 16 for private services access")
            }
            if let address = access.address {
                let problem = NetworkRules.rangeProblem("\(address)/\(access.prefixLength)", prefixes: 8...29)
                check(accessPath.key("address"), problem)
                if problem == nil, let range = IPv4Range(address: address, prefix: access.prefixLength) { ranges.append((accessPath.key("address"), range)) }
            }
        }
        if let connector = network.connector {
            let connectorPath = path.key("connector")
            checkName(connectorPath.key("name"), connector.name, rule: NetworkRules.connectorNameProblem)
            let problem = NetworkRules.rangeProblem(connector.ipCidrRange, prefixes: 28...28)
            check(connectorPath.key("ipCidrRange"), problem)
            if problem == nil, let range = IPv4Range(connector.ipCidrRange) { ranges.append((connectorPath.key("ipCidrRange"), range)) }
            if !(2...9).contains(connector.minInstances) {
                check(connectorPath.key("minInstances"), "\(connector.minInstances) is outside 2 to 9, the connector's minimum instances")
            }
            if !(3...10).contains(connector.maxInstances) || connector.maxInstances <= connector.minInstances {
                check(connectorPath.key("maxInstances"), "\(connector.maxInstances) must be 3 to 10 and above minInstances (\(connector.minInstances))")
            }
            check(connectorPath.key("machineType"), choiceProblem(connector.machineType, allowed: NetworkRules.connectorMachineTypes, what: "connector machine type"))
        }
        for (index, first) in ranges.enumerated() {
            for second in ranges[(index + 1)...] where first.range.overlaps(second.range) {
                check(second.path, "\(second.range.network) overlaps \(first.range.network) at \(first.path); the network's ranges must not overlap")
            }
        }
    }
}
