import Testing
@testable import GoogleCloud

/// Issue 15 point 11: sizes as Google writes them (int64 in decimal strings) are read and
/// added without ever overflowing.
@Suite struct ByteSizesTests {
    @Test func sizesPastInt64AreInt64MaxAndNegativeOnesAreNone() {
        #expect(ByteSizes.parse("123") == 123)
        #expect(ByteSizes.parse(String(Int64.max)) == .max)
        #expect(ByteSizes.parse("18446744073709551615") == .max)
        #expect(ByteSizes.parse("99999999999999999999999999") == .max)
        #expect(ByteSizes.parse("-1") == nil)
        #expect(ByteSizes.parse("12 GB") == nil)
        #expect(ByteSizes.parse(nil) == nil)
    }

    @Test func sumsStopAtInt64Max() {
        #expect(ByteSizes.sum([Int64.max, Int64.max, 1]) == .max)
        #expect(ByteSizes.sum([Int64.max - 1, 1]) == .max)
        #expect(ByteSizes.sum([1, 2, -5]) == 3, "a negative size adds nothing")
        let objects = [StorageAPI.Object(name: "a", size: String(Int64.max)), StorageAPI.Object(name: "b", size: "5")]
        #expect(objects.totalBytes == .max)
    }
}
