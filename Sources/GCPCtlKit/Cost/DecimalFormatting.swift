import Foundation

/// Money and quantities stay exact `Decimal`s through every multiplication and sum; they
/// are rounded only here, when shown.
extension Decimal {
    /// A Double from the environment file, as written (`0.2` stays 0.2, not 0.2000000000000000111).
    init(exactly value: Double) {
        self = Decimal(string: "\(value)") ?? Decimal(value)
    }

    func rounded(_ places: Int, _ mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        var value = self, result = Decimal()
        NSDecimalRound(&result, &value, places, mode)
        return result
    }

    var isWhole: Bool { self == rounded(0, .down) }

    /// `$1,234.57`, `-$0.48`: rounded to cents.
    var dollars: String {
        let cents = rounded(2)
        let sign = cents < 0 ? "-" : ""
        return sign + "$" + Self.grouped(cents.magnitude, places: 2, minimumPlaces: 2)
    }

    /// `+$96.86` / `-$4.00`, for differences.
    var signedDollars: String {
        rounded(2) > 0 ? "+" + dollars : dollars
    }

    /// `2,628,000`, `6,666.8`, `0.0001`: at most `places` decimals, trailing zeros dropped.
    func quantityText(places: Int = 4) -> String {
        let value = rounded(places)
        if value == 0, self != 0 { return (self < 0 ? "-" : "") + "<" + "0." + String(repeating: "0", count: places - 1) + "1" }
        return (value < 0 ? "-" : "") + Self.grouped(value.magnitude, places: places, minimumPlaces: 0)
    }

    /// `$0.000024`, `$0.17`: every significant digit (unit prices are short and exact).
    var unitPriceText: String {
        "$" + Self.grouped(self, places: 12, minimumPlaces: 2)
    }

    /// Plain digits with thousands separators, `minimumPlaces`…`places` decimals.
    private static func grouped(_ value: Decimal, places: Int, minimumPlaces: Int) -> String {
        let text = NSDecimalNumber(decimal: value.rounded(places)).stringValue
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        var fraction = parts.count > 1 ? parts[1] : ""
        while fraction.count > minimumPlaces, fraction.hasSuffix("0") { fraction.removeLast() }
        if fraction.count < minimumPlaces { fraction += String(repeating: "0", count: minimumPlaces - fraction.count) }
        var integer = ""
        for (index, digit) in parts[0].reversed().enumerated() {
            if index > 0, index.isMultiple(of: 3) { integer.append(",") }
            integer.append(digit)
        }
        return String(integer.reversed()) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
