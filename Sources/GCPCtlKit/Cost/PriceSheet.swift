import Foundation

/// What one unit of a price key costs in a region, and where that figure came from.
public struct Price: Sendable, Equatable {
    public var key: PriceKey
    /// USD per `key.unit`.
    public var unitPrice: Decimal
    /// How much a billing account gets free each month, in `key.unit`.
    public var free: Decimal
    public var source: PriceSource
}

public enum PriceSource: Sendable, Equatable {
    /// The price book: its version (`2025-11`), and the entry's source page and date.
    case book(version: String, url: String, date: String)
    /// The Cloud Billing Catalog: the SKU and when its price took effect.
    case catalog(skuID: String, description: String, effectiveTime: String?)

    /// The "price from" column: `book 2025-11` or `catalog`.
    public var label: String {
        switch self {
        case .book(let version, _, _): "book \(version)"
        case .catalog: "catalog"
        }
    }

    /// The page or SKU behind the price, for --format json.
    public var reference: String {
        switch self {
        case .book(_, let url, let date): "\(url) (\(date))"
        case .catalog(let skuID, let description, let effectiveTime):
            "SKU \(skuID) \(description)" + (effectiveTime.map { " (effective \($0))" } ?? "")
        }
    }
}

/// Prices by key and region: the price book, or the catalog over it.
public protocol PriceSheet: Sendable {
    /// The price of `key` in `region` (global keys ignore the region). Throws `CostError`
    /// when no price is known.
    func price(_ key: PriceKey, region: String) throws -> Price
}

public enum CostError: Error, Sendable, Equatable, CustomStringConvertible, ExitStatusProviding {
    /// The price book holds no entry for a key in a region.
    case noPrice(key: PriceKey, region: String, book: String)
    /// `--compare` names fewer than two environments.
    case compareNeedsTwo(String)
    /// `--price-book` names a file that is not there.
    case priceBookMissing(String)

    public var description: String {
        switch self {
        case .noPrice(let key, let region, let book):
            "the price book (\(book)) has no \(key.rawValue) price for \(region); add one, or use --live for the Cloud Billing Catalog's"
        case .compareNeedsTwo(let value):
            "--compare '\(value)' names fewer than two environments; give two or more, e.g. --compare dev,prod"
        case .priceBookMissing(let path):
            "--price-book '\(path)' does not exist; give the path of a price book such as templates/pricing/price-book.yaml"
        }
    }

    public var exitStatus: ExitStatus { .configurationError }
}
