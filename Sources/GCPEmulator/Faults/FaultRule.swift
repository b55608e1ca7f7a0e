/// A targeted fault: requests that match get the action, `times` times (0: forever).
///
/// JSON form (for `POST /_emulator/faults`):
/// `{"match":{"methodId":"sqladmin.instances.insert","method":"POST","path":"/instances"},
///   "action":{"type":"status","code":503,"status":"UNAVAILABLE","message":"...","retryAfter":2},
///   "times":1}`; other actions: `{"type":"drop"}`, `{"type":"delay","ms":500}`,
/// `{"type":"failOperation","message":"..."}`, `{"type":"body","code":502,"contentType":"text/html","text":"..."}`.
public struct FaultRule: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// Answer with this HTTP status and Google error status name.
        case status(code: Int, status: String? = nil, message: String? = nil, retryAfterSeconds: Int? = nil)
        /// Close the connection without answering.
        case drop
        /// Answer normally after a delay.
        case delay(milliseconds: Int)
        /// Let the request through, but make the operation it starts end with this error.
        case failOperation(message: String)
        /// Answer with this body as it is: a proxy's HTML page, a truncated JSON document.
        case body(code: Int, contentType: String, text: String)
    }

    /// A discovery method id (`sqladmin.instances.insert`; `sql.` is accepted too), or
    /// `oauth2.token` / `metadata.token` for the credential endpoints.
    public var methodID: String?
    public var httpMethod: String?
    public var pathContains: String?
    public var action: Action
    public var times: Int

    public init(methodID: String? = nil, httpMethod: String? = nil, pathContains: String? = nil, action: Action, times: Int = 1) {
        self.methodID = methodID
        self.httpMethod = httpMethod
        self.pathContains = pathContains
        self.action = action
        self.times = times
    }

    func matches(methodID candidate: String?, httpMethod verb: String, path: String) -> Bool {
        if let methodID {
            guard let candidate else { return false }
            let normalized = methodID.hasPrefix("sql.") ? "sqladmin." + methodID.dropFirst(4) : methodID
            guard normalized == candidate else { return false }
        }
        if let httpMethod, httpMethod.uppercased() != verb { return false }
        // The path as sent or as read (a client encodes `@` in an email as `%40`).
        if let pathContains, !path.contains(pathContains), !percentDecode(path).contains(pathContains) { return false }
        return true
    }

    /// Reads the JSON form; nil with a reason when it is not one.
    public static func fromJSON(_ json: JSONValue) -> Result<FaultRule, APIError> {
        let match = json["match"] ?? json
        let actionJSON = json["action"] ?? .null
        let action: Action
        switch actionJSON["type"]?.stringValue {
        case "status":
            guard let code = actionJSON["code"]?.intValue, (100...599).contains(code) else {
                return .failure(.invalidArgument("action.code must be an HTTP status code", field: "action.code"))
            }
            action = .status(
                code: code, status: actionJSON["status"]?.stringValue, message: actionJSON["message"]?.stringValue,
                retryAfterSeconds: actionJSON["retryAfter"]?.intValue)
        case "drop": action = .drop
        case "delay":
            guard let milliseconds = actionJSON["ms"]?.intValue, milliseconds >= 0 else {
                return .failure(.invalidArgument("action.ms must be a number of milliseconds", field: "action.ms"))
            }
            action = .delay(milliseconds: milliseconds)
        case "failOperation":
            action = .failOperation(message: actionJSON["message"]?.stringValue ?? "Injected operation failure.")
        case "body":
            action = .body(code: actionJSON["code"]?.intValue ?? 200,
                           contentType: actionJSON["contentType"]?.stringValue ?? "text/html",
                           text: actionJSON["text"]?.stringValue ?? "")
        default:
            return .failure(.invalidArgument(
                "action.type must be one of status, drop, delay, failOperation, body", field: "action.type"))
        }
        let times = json["times"]?.intValue ?? 1
        guard times >= 0 else { return .failure(.invalidArgument("times must be 0 (forever) or more", field: "times")) }
        return .success(FaultRule(
            methodID: match["methodId"]?.stringValue, httpMethod: match["method"]?.stringValue,
            pathContains: match["path"]?.stringValue, action: action, times: times))
    }
}
