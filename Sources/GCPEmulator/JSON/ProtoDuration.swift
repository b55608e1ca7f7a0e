/// `google.protobuf.Duration` in proto JSON: seconds with up to nine fractional digits and
/// the suffix `s` (`"600s"`, `"0.5s"`, `"-1.25s"`), at most ±315,576,000,000 seconds
/// (https://protobuf.dev/reference/protobuf/google.protobuf/#duration).
enum ProtoDuration {
    static let maximumSeconds = 315_576_000_000.0

    /// The seconds `text` stands for, or nil when it is not a JSON Duration.
    static func seconds(_ text: String) -> Double? {
        guard text.hasSuffix("s") else { return nil }
        var number = text.dropLast()
        if number.hasPrefix("-") { number = number.dropFirst() }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy(\.isASCIIDigit),
            parts.count == 1 || (1...9).contains(parts[1].count) && parts[1].allSatisfy(\.isASCIIDigit),
            let value = Double(text.dropLast()), abs(value) <= maximumSeconds
        else { return nil }
        return value
    }

    /// `value` as Google writes a Duration: whole seconds plainly, fractions without
    /// trailing zeros.
    static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return "\(Int(value))s" }
        var text = String(format: "%.9f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text + "s"
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
