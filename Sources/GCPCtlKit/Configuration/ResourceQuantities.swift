/// A Cloud Run memory limit: a Kubernetes quantity such as `512Mi`, `1Gi`, `2G`.
public struct MemorySize: Comparable, Sendable {
    public let bytes: Int64

    public static let mebibyte: Int64 = 1 << 20
    public static let gibibyte: Int64 = 1 << 30
    /// Cloud Run's bounds (first generation minimum; 32Gi maximum).
    public static let cloudRunRange = MemorySize(bytes: 128 * mebibyte)...MemorySize(bytes: 32 * gibibyte)

    public init(bytes: Int64) {
        self.bytes = bytes
    }

    /// Nil when `text` is not a quantity: digits (a decimal point allowed) and one of the
    /// suffixes Ki Mi Gi Ti, k M G T, or none (bytes).
    public init?(_ text: String) {
        let multipliers: [(suffix: String, factor: Double)] = [
            ("Ki", 1024), ("Mi", 1024 * 1024), ("Gi", 1024 * 1024 * 1024), ("Ti", 1024 * 1024 * 1024 * 1024),
            ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12),
        ]
        let match = multipliers.first { text.hasSuffix($0.suffix) }
        let number = String(text.dropLast(match?.suffix.count ?? 0))
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              let value = Double(number), value > 0,
              // Past Int64 (8 EiB) is no memory size, whatever a file or a server says.
              value * (match?.factor ?? 1) < 0x1p63
        else { return nil }
        bytes = Int64(value * (match?.factor ?? 1))
    }

    public var gibibytes: Double { Double(bytes) / Double(Self.gibibyte) }

    public static func < (lhs: MemorySize, rhs: MemorySize) -> Bool { lhs.bytes < rhs.bytes }
}

/// A Cloud Run CPU limit, in thousandths of a CPU: `1` is 1000, `500m` and `0.5` are 500.
public struct CPULimit: Comparable, Sendable {
    public let millicores: Int

    /// Whole CPUs Cloud Run offers; below one CPU any value from 0.08 up.
    public static let wholeCPUs = [1, 2, 4, 6, 8]
    public static let minimumMillicores = 80

    public init(millicores: Int) {
        self.millicores = millicores
    }

    /// Nil unless `text` is 1, 2, 4, 6 or 8, or a fraction from 0.08 (80m) to 1.
    public init?(_ text: String) {
        var millicores: Int?
        if text.hasSuffix("m"), let value = Int(text.dropLast()) {
            millicores = value
        } else if let value = Double(text), value.isFinite, abs(value) < 1e12, text.first?.isNumber == true || text.first == "." {
            millicores = Int((value * 1000).rounded())
        }
        guard let millicores,
              (Self.minimumMillicores...1000).contains(millicores)
                || (millicores % 1000 == 0 && Self.wholeCPUs.contains(millicores / 1000))
        else { return nil }
        self.millicores = millicores
    }

    public var cpus: Double { Double(millicores) / 1000 }

    public static func < (lhs: CPULimit, rhs: CPULimit) -> Bool { lhs.millicores < rhs.millicores }
}

/// How Cloud Run couples CPU and memory (its "CPU and memory" tables).
enum CloudRunLimits {
    /// The fewest CPUs (in millicores) that may carry `memory`.
    static func minimumCPU(for memory: MemorySize) -> Int {
        let gib = memory.gibibytes
        return switch gib {
        case let g where g > 24: 8000
        case let g where g > 16: 6000
        case let g where g > 8: 4000
        case let g where g > 4: 2000
        case let g where g > 1: 1000
        case let g where g > 0.5: 500
        default: CPULimit.minimumMillicores
        }
    }

    /// The least memory `cpu` may run with: 4 CPUs need 2Gi, 6 and 8 need 4Gi.
    static func minimumMemory(for cpu: CPULimit) -> (bytes: Int64, text: String)? {
        switch cpu.millicores {
        case 6000...: (4 * MemorySize.gibibyte, "4Gi")
        case 4000...: (2 * MemorySize.gibibyte, "2Gi")
        default: nil
        }
    }

    static func describe(millicores: Int) -> String {
        millicores % 1000 == 0 ? "\(millicores / 1000)" : "\(Double(millicores) / 1000)"
    }
}
