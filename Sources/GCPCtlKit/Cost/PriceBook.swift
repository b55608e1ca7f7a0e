import Foundation

/// The dated list prices `gcpctl cost` uses without --live: templates/pricing/price-book.yaml
/// (or the built-in copy of it), validated as strictly as an environment file.
public struct PriceBook: PriceSheet {
    /// `2025-11`.
    public let version: String
    /// Where it was read: the file's path, or `built-in`.
    public let location: String
    let prices: [Key: Price]

    struct Key: Hashable {
        var key: PriceKey
        var region: String
    }

    /// The file's shape. Prices are text so that they stay exact decimals.
    struct File: Decodable {
        var version: String
        var currency: String
        var prices: [Entry]

        struct Entry: Decodable {
            var key: String
            var regions: [String]
            var unit: String
            var price: String
            var free: String?
            var source: String
            var date: String
            var note: String?
        }
    }

    /// Parses and checks a price book: unknown keys, units other than the key's, prices that
    /// are not non-negative decimals, currencies other than USD and duplicates are all reported.
    public static func parse(_ text: String, location: String) throws(ConfigurationError) -> PriceBook {
        let decoded = try EnvironmentLoader.decodeDocument(File.self, text, path: location)
        var issues = decoded.unknownKeys
        let file = decoded.value
        func problem(_ path: DocumentPath, _ message: String) {
            issues.append(ConfigurationIssue(source: location, keyPath: path.description, message: message))
        }
        if file.currency != "USD" {
            problem(.root.key("currency"), "'\(file.currency)' is not supported; gcpctl estimates in USD")
        }
        var prices: [Key: Price] = [:]
        for (index, entry) in file.prices.enumerated() {
            let path = DocumentPath.root.key("prices").index(index)
            guard let key = PriceKey(rawValue: entry.key) else {
                let known = PriceKeys.all.map(\.rawValue)
                problem(path.key("key"), "'\(entry.key)' is not a price gcpctl uses" + Suggestion.phrase(for: entry.key, in: known))
                continue
            }
            if entry.unit != key.unit {
                problem(path.key("unit"), "'\(entry.unit)' is not the unit of \(key.rawValue); use '\(key.unit)'")
            }
            let amount = Self.amount(entry.price), free = entry.free.map(Self.amount) ?? 0
            if amount == nil { problem(path.key("price"), "'\(entry.price)' is not a price; write a decimal such as \"0.17\"") }
            if free == nil { problem(path.key("free"), "'\(entry.free ?? "")' is not a quantity; write a decimal such as \"0.5\"") }
            if entry.regions.isEmpty { problem(path.key("regions"), "names no region; list regions, or [global]") }
            for region in entry.regions {
                if key.isGlobal != (region == "global") {
                    problem(path.key("regions"), key.isGlobal ? "\(key.rawValue) is priced once for all regions; use [global]"
                                                                 : "\(key.rawValue) is priced per region; name regions, not global")
                }
                let price = Price(key: key, unitPrice: amount ?? 0, free: free ?? 0,
                                  source: .book(version: file.version, url: entry.source, date: entry.date))
                if prices.updateValue(price, forKey: Key(key: key, region: region)) != nil {
                    problem(path.key("regions"), "\(key.rawValue) in \(region) is priced twice")
                }
            }
        }
        guard issues.isEmpty else { throw .issues(issues) }
        return PriceBook(version: file.version, location: location, prices: prices)
    }

    private static func amount(_ text: String) -> Decimal? {
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), value >= 0,
              text.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
        return value
    }

    public func price(_ key: PriceKey, region: String) throws -> Price {
        guard let price = prices[Key(key: key, region: key.isGlobal ? "global" : region)] else {
            throw CostError.noPrice(key: key, region: region, book: location)
        }
        return price
    }

    /// The regions every regional key is priced in.
    public var completeRegions: [String] {
        let regions = Set(prices.keys.map(\.region)).subtracting(["global"])
        return regions.filter { region in
            PriceKeys.all.allSatisfy { $0.isGlobal || prices[Key(key: $0, region: region)] != nil }
        }.sorted()
    }
}

extension PriceBook {
    /// The book in `<config dir>/templates/pricing/`, or `explicitPath`, or the built-in copy.
    public static let relativePath = "templates/pricing/price-book.yaml"

    public static func load(explicitPath: String?, configDirectory: URL, workingDirectory: URL) throws -> PriceBook {
        if let explicitPath {
            let url = explicitPath.hasPrefix("/") ? URL(fileURLWithPath: explicitPath)
                : workingDirectory.appendingPathComponent(explicitPath)
            guard FileManager.default.fileExists(atPath: url.path) else { throw CostError.priceBookMissing(explicitPath) }
            return try parse(try EnvironmentLoader.read(url, shown: explicitPath), location: explicitPath)
        }
        let url = configDirectory.appendingPathComponent(relativePath)
        if FileManager.default.fileExists(atPath: url.path) {
            let shown = DisplayPaths(workingDirectory: workingDirectory).display(url)
            return try parse(try EnvironmentLoader.read(url, shown: shown), location: shown)
        }
        return builtIn
    }

    /// The copy compiled into gcpctl (BuiltInPriceBook.text), for a directory without the file.
    public static var builtIn: PriceBook {
        // A test parses the built-in text, so this cannot fail in a released build.
        try! parse(BuiltInPriceBook.text, location: "built-in")
    }
}
