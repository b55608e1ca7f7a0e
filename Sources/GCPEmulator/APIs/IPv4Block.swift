/// An IPv4 CIDR block (`10.8.0.0/28`), for the checks Google makes on address ranges:
/// a connector's /28, an allocated range's prefix, whether two ranges overlap, and the
/// addresses a producer hands out inside a range.
struct IPv4Block: Sendable, Equatable, CustomStringConvertible {
    /// The first address, as a 32-bit number.
    var base: UInt32
    var prefixLength: Int

    /// `10.8.0.0/28`; nil when malformed or when the address is not the block's first.
    init?(cidr: String) {
        let parts = cidr.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]) else { return nil }
        self.init(address: String(parts[0]), prefixLength: prefix)
    }

    /// An address and a prefix length given apart (Compute's `address` and `prefixLength`).
    init?(address: String, prefixLength: Int) {
        guard (0...32).contains(prefixLength), let value = IPv4Block.parse(address) else { return nil }
        let block = IPv4Block(base: value, prefixLength: prefixLength)
        guard value & ~block.mask == 0 else { return nil }
        self = block
    }

    private init(base: UInt32, prefixLength: Int) {
        self.base = base
        self.prefixLength = prefixLength
    }

    var mask: UInt32 { prefixLength == 0 ? 0 : UInt32.max << UInt32(32 - prefixLength) }

    var size: UInt64 { UInt64(1) << UInt64(32 - prefixLength) }

    var last: UInt32 { base | ~mask }

    func overlaps(_ other: IPv4Block) -> Bool { base <= other.last && other.base <= last }

    /// RFC 1918 private space, which internal ranges must lie in.
    var isPrivate: Bool {
        [IPv4Block(base: 0x0A00_0000, prefixLength: 8), IPv4Block(base: 0xAC10_0000, prefixLength: 12),
         IPv4Block(base: 0xC0A8_0000, prefixLength: 16)].contains { $0.base <= base && last <= $0.last }
    }

    /// The address `offset` places after the first, wrapped inside the block.
    func address(at offset: UInt64) -> String {
        IPv4Block.format(base &+ UInt32(offset % size))
    }

    var description: String { "\(IPv4Block.format(base))/\(prefixLength)" }

    static func parse(_ address: String) -> UInt32? {
        let octets = address.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy(\.isNumber), let byte = UInt32(octet), byte <= 255 else {
                return nil
            }
            value = value << 8 | byte
        }
        return value
    }

    static func format(_ value: UInt32) -> String {
        "\(value >> 24 & 0xFF).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }
}
