import Foundation

/// One line of the request log (docs/emulator.md "Request log"). Never holds a token.
public struct RequestLogEntry: Sendable {
    public var time: Date
    public var method: String
    public var url: String
    public var api: String?
    public var methodID: String?
    public var status: Int
    public var body: JSONValue?
    public var bearer: Bool
    public var mutating: Bool
    public var fault: String?
    public var rejected: String?

    public var json: JSONValue {
        var entry: JSONValue = [
            "time": .string(RFC3339.format(time)), "method": .string(method), "url": .string(url),
            "status": .int(status), "bearer": .bool(bearer), "mutating": .bool(mutating),
        ]
        entry["api"] = api.map(JSONValue.string) ?? .null
        entry["methodId"] = methodID.map(JSONValue.string) ?? .null
        entry["body"] = body ?? .null
        entry["fault"] = fault.map(JSONValue.string) ?? .null
        entry["rejected"] = rejected.map(JSONValue.string) ?? .null
        return entry
    }
}

/// The request log in memory, and appended as JSON lines to `--request-log FILE` (0600).
/// Bodies are logged with their secrets masked (`LoggedBody`).
final class RequestLog: Sendable {
    private let entries = Locked<[RequestLogEntry]>([])
    private let file: Locked<FileHandle?>

    init(path: String?) throws {
        guard let path else {
            file = Locked(nil)
            return
        }
        guard let handle = OwnerOnlyFile.openForAppending(path) else { throw EmulatorStartError.unwritableRequestLog(path) }
        file = Locked(handle)
    }

    func append(_ entry: RequestLogEntry) {
        entries.withLock { $0.append(entry) }
        file.withLock { handle in
            handle?.write(Data((entry.json.serialized + "\n").utf8))
        }
    }

    var all: [RequestLogEntry] { entries.snapshot }

    func clear() { entries.withLock { $0.removeAll() } }

    func close() { file.withLock { try? $0?.close(); $0 = nil } }
}
