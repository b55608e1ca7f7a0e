/// An IPv4 range `a.b.c.d/n`, for the checks Compute makes on subnet ranges and reserved
/// peering ranges: well formed, no host bits, inside the private ranges, no overlap.
struct ComputeCIDR: Equatable, CustomStringConvertible {
    var base: UInt32
    var prefix: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), (0...32).contains(prefix), let base = Self.address(String(parts[0])) else {
            return nil
        }
        self.base = base
        self.prefix = prefix
    }

    /// A block as Google names one (`10.8.0.0/28`): nil when malformed or when the address
    /// is not the block's first.
    static func block(_ text: String) -> ComputeCIDR? {
        guard let range = ComputeCIDR(text), !range.hasHostBits else { return nil }
        return range
    }

    init(base: UInt32, prefix: Int) {
        self.base = base
        self.prefix = prefix
    }

    /// `10.1.2.3` as a number, nil when malformed.
    static func address(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard octets.count == 4, octets.allSatisfy({ $0.map { (0...255).contains($0) } ?? false }) else { return nil }
        return octets.reduce(UInt32(0)) { $0 << 8 | UInt32($1!) }
    }

    static func text(_ address: UInt32) -> String {
        "\(address >> 24 & 0xFF).\(address >> 16 & 0xFF).\(address >> 8 & 0xFF).\(address & 0xFF)"
    }

    var mask: UInt32 { prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix) }
    var size: UInt64 { UInt64(1) << UInt64(32 - prefix) }
    var hasHostBits: Bool { base & ~mask != 0 }
    var last: UInt32 { base | ~mask }
    var description: String { "\(Self.text(base))/\(prefix)" }

    func contains(_ other: ComputeCIDR) -> Bool { prefix <= other.prefix && other.base & mask == base }
    func overlaps(_ other: ComputeCIDR) -> Bool { contains(other) || other.contains(self) }

    /// RFC 1918 and the other ranges Compute accepts for subnets and private services access.
    var isPrivate: Bool {
        ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].compactMap(ComputeCIDR.init).contains { $0.contains(self) }
    }

    /// The address `offset` places after the first, wrapped inside the block (a producer's
    /// address inside its range).
    func address(at offset: UInt64) -> String { Self.text(base &+ UInt32(offset % size)) }

    /// The first block of `prefix` bits inside `within` that overlaps none of `taken`.
    static func firstFree(prefix: Int, within: ComputeCIDR, avoiding taken: [ComputeCIDR]) -> ComputeCIDR? {
        var candidate = ComputeCIDR(base: within.base, prefix: prefix)
        while within.contains(candidate) {
            guard let clash = taken.first(where: { $0.overlaps(candidate) }) else { return candidate }
            let next = UInt64(max(clash.last, candidate.last)) + 1
            guard next <= UInt64(within.last) else { return nil }
            // Round up to the block size.
            let aligned = (next + candidate.size - 1) / candidate.size * candidate.size
            guard aligned <= UInt64(UInt32.max) else { return nil }
            candidate = ComputeCIDR(base: UInt32(aligned), prefix: prefix)
        }
        return nil
    }
}
