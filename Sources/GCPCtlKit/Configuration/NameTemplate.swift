import Foundation

/// `{project}`, `{env}` and `{region}` in resource names, replaced once the project is known.
struct NameTemplate {
    var values: [String: String]

    init(project: String, shortName: String, region: String) {
        values = ["project": project, "env": shortName, "region": region]
    }

    /// `name` with every known placeholder replaced.
    func expand(_ name: String) -> String {
        // Most names have no placeholder; Foundation's search is slow on a huge one.
        guard name.utf8.contains(UInt8(ascii: "{")) else { return name }
        var result = name
        for (placeholder, value) in values {
            result = result.replacingOccurrences(of: "{\(placeholder)}", with: value)
        }
        return result
    }

    /// The `{…}` placeholders in `name` that are not known, e.g. a misspelt `{enviroment}`.
    func unknownPlaceholders(in name: String) -> [String] {
        guard name.utf8.contains(UInt8(ascii: "{")) else { return [] }
        var unknown: [String] = []
        var rest = Substring(name)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let placeholder = String(rest[rest.index(after: open)..<close])
            if values[placeholder] == nil { unknown.append("{\(placeholder)}") }
            rest = rest[rest.index(after: close)...]
        }
        return unknown
    }
}
