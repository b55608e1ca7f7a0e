/// Checks a JSON body against a discovery schema, recursively: no unknown field names
/// anywhere, every value of the declared type (int64 and uint64 as strings, enums from
/// the declared list). The first problem found is refused with the field's path.
struct BodyValidator {
    let schemas: [String: JSONValue]

    func validate(_ value: JSONValue, schemaNamed name: String) throws(APIError) {
        guard let schema = schemas[name] else { return }
        try validate(value, schema: schema, path: "")
    }

    private func resolve(_ schema: JSONValue) -> JSONValue {
        var current = schema
        var hops = 0
        while let reference = current["$ref"]?.stringValue, let target = schemas[reference], hops < 16 {
            current = target
            hops += 1
        }
        return current
    }

    private func validate(_ value: JSONValue, schema rawSchema: JSONValue, path: String) throws(APIError) {
        if value.isNull { return }
        let schema = resolve(rawSchema)
        let type = schema["type"]?.stringValue ?? (schema["properties"] != nil ? "object" : "any")
        switch type {
        case "object":
            guard case .object(let members) = value else { throw typeError(path, expected: "TYPE_MESSAGE", value) }
            let properties = schema["properties"]?.objectValue
            let additional = schema["additionalProperties"]
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                let childPath = path.isEmpty ? key : path + "." + key
                if let property = properties?[key] {
                    try validate(member, schema: property, path: childPath)
                } else if let additional {
                    try validate(member, schema: additional, path: childPath)
                } else if properties == nil {
                    continue  // A schema with neither declares an open object (Struct-like).
                } else {
                    let location = path.isEmpty ? "" : " at '\(path)'"
                    throw .invalidArgument(
                        "Invalid JSON payload received. Unknown name \"\(key)\"\(location): Cannot find field.",
                        reason: "invalid", field: childPath)
                }
            }
        case "array":
            guard case .array(let elements) = value else { throw typeError(path, expected: "TYPE_ARRAY", value) }
            let items = schema["items"] ?? ["type": "any"]
            for (position, element) in elements.enumerated() {
                try validate(element, schema: items, path: "\(path)[\(position)]")
            }
        case "string":
            try validateString(value, schema: schema, path: path)
        case "integer":
            guard case .int(let number) = value else { throw typeError(path, expected: "TYPE_INT32", value) }
            let unsigned = schema["format"]?.stringValue == "uint32"
            let range: ClosedRange<Int> = unsigned ? 0...Int(UInt32.max) : Int(Int32.min)...Int(Int32.max)
            guard range.contains(number) else { throw typeError(path, expected: unsigned ? "TYPE_UINT32" : "TYPE_INT32", value) }
        case "number":
            switch value {
            case .int, .double: break
            default: throw typeError(path, expected: "TYPE_DOUBLE", value)
            }
        case "boolean":
            guard case .bool = value else { throw typeError(path, expected: "TYPE_BOOL", value) }
        default:
            break
        }
    }

    private func validateString(_ value: JSONValue, schema: JSONValue, path: String) throws(APIError) {
        let format = schema["format"]?.stringValue
        guard case .string(let text) = value else {
            let expected = switch format {
            case "int64": "TYPE_INT64"
            case "uint64": "TYPE_UINT64"
            default: schema["enum"] != nil ? "TYPE_ENUM" : "TYPE_STRING"
            }
            throw typeError(path, expected: expected, value)
        }
        switch format {
        case "int64" where Int64(text) == nil: throw typeError(path, expected: "TYPE_INT64", value)
        case "uint64" where UInt64(text) == nil: throw typeError(path, expected: "TYPE_UINT64", value)
        case "google-datetime" where RFC3339.parse(text) == nil: throw typeError(path, expected: "Timestamp", value)
        case "google-duration" where ProtoDuration.seconds(text) == nil: throw typeError(path, expected: "Duration", value)
        default: break
        }
        if let allowed = schema["enum"]?.arrayValue?.compactMap(\.stringValue), !allowed.contains(text) {
            throw typeError(path, expected: "TYPE_ENUM", value)
        }
    }

    private func typeError(_ path: String, expected: String, _ value: JSONValue) -> APIError {
        let shown = value.serialized.count > 80 ? String(value.serialized.prefix(80)) + "…" : value.serialized
        return .invalidArgument("Invalid value at '\(path)' (\(expected)), \(shown)", reason: "invalid", field: path)
    }
}
