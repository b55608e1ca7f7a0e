/// Cloud Billing Catalog v1: `services.list` and `services.skus.list` (paged; prices in
/// `currencyCode`, USD by default, with `currencyConversionRate`) over the emulator's
/// small catalog (`CloudBillingCatalog`). The catalog is public: no project, no gating.
enum CloudBillingAPI {
    static let handlers: [String: APIHandler] = [
        "cloudbilling.services.list": listServices,
        "cloudbilling.services.skus.list": listSkus,
    ]

    /// When the catalog's prices took effect.
    static let effectiveTime = "2025-11-01T08:00:00.000Z"

    private static func listServices(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let services: [JSONValue] = CloudBillingCatalog.services.map { service in
            [
                "name": .string("services/\(service.id)"), "serviceId": .string(service.id),
                "displayName": .string(service.displayName), "businessEntityName": "businessEntities/GCP",
            ]
        }
        return .resource(try request.page(services, defaultSize: 5000).body("services"))
    }

    private static func listSkus(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let id = String(request.path("parent").split(separator: "/").last ?? "")
        guard let service = CloudBillingCatalog.services.first(where: { $0.id == id }) else {
            throw APIError.notFound("Service not found: services/\(id).")
        }
        let currency = (request.query["currencyCode"].flatMap { $0.isEmpty ? nil : $0 } ?? "USD").uppercased()
        guard let rate = CloudBillingCatalog.currencies[currency] else {
            throw APIError.invalidArgument("Currency code \(currency) is not supported.", field: "currencyCode")
        }
        let skus = CloudBillingCatalog.skus.filter { $0.service == service.id }
            .map { sku(service: service, $0, currency: currency, rate: rate) }
        return .resource(try request.page(skus, defaultSize: 5000).body("skus"))
    }

    private static func sku(service: CloudBillingCatalog.Service, _ sku: CloudBillingCatalog.Sku, currency: String, rate: Double) -> JSONValue {
        let unit = CloudBillingCatalog.units[sku.usageUnit] ?? (sku.usageUnit, sku.usageUnit, sku.usageUnit, 1)
        let global = sku.regions == ["global"]
        return [
            "name": .string("services/\(service.id)/skus/\(sku.id)"), "skuId": .string(sku.id), "description": .string(sku.description),
            "category": [
                "serviceDisplayName": .string(service.displayName), "resourceFamily": .string(sku.resourceFamily),
                "resourceGroup": .string(sku.resourceGroup), "usageType": "OnDemand",
            ],
            "serviceRegions": .array(sku.regions.map(JSONValue.string)),
            "geoTaxonomy": global ? ["type": "GLOBAL"] : ["type": "REGIONAL", "regions": .array(sku.regions.map(JSONValue.string))],
            "serviceProviderName": "Google",
            "pricingInfo": [[
                "summary": "", "effectiveTime": .string(effectiveTime), "currencyConversionRate": .double(rate),
                "aggregationInfo": ["aggregationLevel": "ACCOUNT", "aggregationInterval": "MONTHLY", "aggregationCount": 1],
                "pricingExpression": [
                    "usageUnit": .string(sku.usageUnit), "usageUnitDescription": .string(unit.description),
                    "baseUnit": .string(unit.base), "baseUnitDescription": .string(unit.baseDescription),
                    "baseUnitConversionFactor": .double(unit.factor), "displayQuantity": .double(sku.displayQuantity),
                    "tieredRates": .array(sku.tiers.map { tier in
                        ["startUsageAmount": .double(tier.start), "unitPrice": money(nanos: tier.nanos, currency: currency, rate: rate)]
                    }),
                ],
            ]],
        ]
    }

    /// google.type.Money: whole `units` (an int64 string) and `nanos`.
    private static func money(nanos: Int, currency: String, rate: Double) -> JSONValue {
        let converted = Int((Double(nanos) * rate).rounded())
        return ["currencyCode": .string(currency), "units": .string(String(converted / 1_000_000_000)), "nanos": .int(converted % 1_000_000_000)]
    }
}
