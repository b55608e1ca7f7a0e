import Foundation

/// Checks a request's query parameters against what the method and its API declare:
/// unknown names, missing required ones, and values of the wrong type are refused.
enum QueryValidator {
    /// Parameters any Google API accepts, beyond what a document happens to list.
    static let systemParameters: Set = [
        "alt", "fields", "prettyPrint", "key", "quotaUser", "userProject", "$.xgafv", "access_token",
        "upload_protocol", "uploadType", "callback", "oauth_token", "userIp",
    ]

    static func validate(_ query: QueryParameters, route: RouteMatch) throws(APIError) {
        let declared = route.method.parameters.filter { $0.value.location == "query" }
        for name in query.names {
            let values = query.values[name] ?? []
            guard let parameter = declared[name] ?? route.document.commonParameters[name] else {
                if systemParameters.contains(name) { continue }
                throw .invalidArgument(
                    "Invalid JSON payload received. Unknown name \"\(name)\": Cannot bind query parameter. Field '\(name)' could not be found in request message.",
                    field: name)
            }
            if values.count > 1, !parameter.repeated {
                throw .invalidArgument("Query parameter '\(name)' may be given once, got \(values.count) values.", field: name)
            }
            for value in values { try check(value, against: parameter) }
        }
        for (name, parameter) in declared where parameter.required && query[name] == nil {
            throw .invalidArgument("Required parameter: \(name)", reason: "required", field: name)
        }
    }

    /// Path parameters declared with a type (Cloud SQL's int64 ids) are checked the same way.
    static func validatePath(_ route: RouteMatch) throws(APIError) {
        for (name, value) in route.pathParameters {
            guard let parameter = route.method.parameters[name] else { continue }
            try check(value, against: parameter)
        }
    }

    static func check(_ value: String, against parameter: DiscoveryParameter) throws(APIError) {
        let name = parameter.name
        func refuse(_ expected: String) -> APIError {
            .invalidArgument("Invalid value at '\(name)' (\(expected)), \"\(value)\"", field: name)
        }
        switch (parameter.type, parameter.format) {
        case ("integer", "uint32"):
            guard let number = Int64(value), number >= 0, number <= Int64(UInt32.max) else { throw refuse("TYPE_UINT32") }
        case ("integer", _):
            guard Int32(value) != nil else { throw refuse("TYPE_INT32") }
        case ("string", "int64"):
            guard Int64(value) != nil else { throw refuse("TYPE_INT64") }
        case ("string", "uint64"):
            guard UInt64(value) != nil else { throw refuse("TYPE_UINT64") }
        case ("number", _):
            guard Double(value) != nil else { throw refuse("TYPE_DOUBLE") }
        case ("boolean", _):
            guard ["true", "false"].contains(value.lowercased()) else { throw refuse("TYPE_BOOL") }
        case ("string", "google-datetime"):
            guard RFC3339.parse(value) != nil else { throw refuse("Timestamp") }
        default:
            break
        }
        if let allowed = parameter.enumValues, !allowed.contains(value) {
            throw refuse("TYPE_ENUM")
        }
    }
}
