/// What uptime checks see, for tests: `POST /_emulator/uptime-checks` with
/// `{"project","check","passed"}` and optionally `"locations"` (checker locations such as
/// `usa-iowa`; all when left out), or `Emulator.setUptimeCheckResult`. `check` is the id
/// or the full name; `"passed": null` goes back to what the check would see on its own
/// (`UptimeCheckResults`).
extension Emulator {
    public func setUptimeCheckResult(project: String, check: String, passed: Bool?, locations: [String] = []) throws {
        try core.withState { state in
            try UptimeCheckResults.set(project: project, check: check, passed: passed, locations: locations, state: &state)
        }
    }
}

extension UptimeCheckResults {
    static func control(_ body: JSONValue, core: EmulatorCore) -> HTTPResponseMessage {
        guard let project = body["project"]?.stringValue, let check = body["check"]?.stringValue,
            let passedValue = body["passed"], passedValue.isNull || passedValue.boolValue != nil
        else {
            return .error(.invalidArgument("Expected {\"project\",\"check\",\"passed\": true|false|null} and optionally \"locations\"."))
        }
        let locations = body["locations"]?.arrayValue?.compactMap(\.stringValue) ?? []
        do {
            try core.withState { state in
                try set(project: project, check: check, passed: passedValue.boolValue, locations: locations, state: &state)
            }
        } catch let error as APIError {
            return .error(error)
        } catch {
            return .error(.internalError("\(error)"))
        }
        return .json(["project": .string(project), "check": .string(check), "passed": passedValue])
    }
}
