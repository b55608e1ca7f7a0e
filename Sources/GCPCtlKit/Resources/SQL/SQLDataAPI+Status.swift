import GoogleCloud

extension SQLExtension: StatusDescribing {
    func statusDetails(of state: State, extra: Void?) -> [StatusDetail] {
        guard let version = state.version else {
            return [StatusDetail("extensionVersion", column: "DETAILS", .null, text: "unknown: \(state.unreadable ?? "cannot be read now")")]
        }
        return [StatusDetail("extensionVersion", column: "DETAILS", .string(version), text: "version \(version) in \(sql.database)")]
    }

    func missing(in environment: Environment) -> StatusFinding {
        StatusFinding(state: .missing, reason: "not created in \(sql.database) (or the Data API cannot reach it yet)",
                      fix: StatusFix.setup(environment))
    }

    var statusLabel: String { "extension \(name)" }
}

extension SQLDataAPIPassword: StatusDescribing {
    /// Which version of the password secret the regional copy holds: never the value.
    func statusDetails(of state: State, extra: Void?) -> [StatusDetail] {
        let current = state.copied == marker(state.sourceVersion)
        return [StatusDetail("passwordCopy", column: "DETAILS", .object([
            "secret": .string("projects/-/locations/\(region)/secrets/\(secretID)"),
            "copyOf": state.copied.map(JSONValue.string) ?? .null,
            "current": .bool(current),
        ]), text: current ? "regional copy of \(secretID) version \(state.sourceVersion ?? "?") in \(region)"
                          : "regional copy is of \(state.copied ?? "nothing"), not \(marker(state.sourceVersion))")]
    }

    var statusLabel: String { "Data API password" }
}
