/// Sizes as Google writes them (int64 as decimal strings: an object's `size`, a
/// repository's `sizeBytes`), read so that no answer can overflow gcpctl's arithmetic: a
/// crash is never an answer. Anything past `Int64.max` counts as `Int64.max`, and sums stop
/// there too.
public enum ByteSizes {
    /// `"123"` → 123; beyond `Int64.max` → `Int64.max`; negative or not a number → nil.
    public static func parse(_ text: String?) -> Int64? {
        guard let text, !text.isEmpty else { return nil }
        if let value = Int64(text) { return value >= 0 ? value : nil }
        return text.allSatisfy(\.isASCIIDigit) ? .max : nil
    }

    /// The sum of `sizes`, `Int64.max` once it would pass it.
    public static func sum<Sizes: Sequence>(_ sizes: Sizes) -> Int64 where Sizes.Element == Int64 {
        sizes.reduce(0) { total, size in
            let (sum, overflow) = total.addingReportingOverflow(max(size, 0))
            return overflow ? .max : sum
        }
    }
}

extension Sequence where Element == StorageAPI.Object {
    /// The bytes of every object listed, saturating at `Int64.max`.
    public var totalBytes: Int64 { ByteSizes.sum(map(\.byteCount)) }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
