import Foundation

/// Cloud Storage resumable uploads (https://cloud.google.com/storage/docs/performing-resumable-uploads).
///
/// `POST upload/storage/v1/b/BUCKET/o?uploadType=resumable&name=NAME` (the object's metadata
/// as JSON, optional) starts a session: 200 with its URI in `Location`
/// (`…/upload/storage/v1/b/BUCKET/o?uploadType=resumable&name=NAME&upload_id=ID`). Bytes go to
/// that URI with `PUT` and `Content-Range: bytes FIRST-LAST/TOTAL`: each answer is 308 with
/// `Range: bytes=0-LAST` (what the session holds; no `Range` while it holds nothing), or, once
/// the last byte is in, 200 with the object, its preconditions checked then. `Content-Range:
/// bytes */TOTAL` with no body asks where the session is. A chunk starting past what is held
/// is 400 (the gap would be missing); bytes already held are skipped. A finished session
/// answers any later request with its object; an unknown one is 404. The session URI is its
/// own credential: no `Authorization` is needed.
///
/// Faults reach session requests as `storage.objects.insert` (`PUT`): a dropped connection
/// keeps what had arrived of the chunk, half of it rounded down to 256 KiB, as a connection
/// cut mid-upload does, so the client must ask where to go on from.
///
/// Sessions are kept in the bucket's project under `storage.uploadSessions` by id, the bytes
/// base64 in `@data`.
enum StorageResumableUploads {
    static let collection = "storage.uploadSessions"
    static let quantum = 256 * 1024

    static func isSessionRequest(_ request: HTTPRequestMessage) -> Bool {
        request.method == "PUT" && request.path.hasPrefix("/storage/upload/storage/v1/b/") && request.query.contains("upload_id=")
    }

    /// The session a `uploadType=resumable` POST starts.
    static func start(_ request: APIRequest, bucket: String, project: String, state: inout EmulatorState) throws -> HTTPResponseMessage {
        var metadata: JSONValue = [:]
        if !request.rawBody.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
            guard let json = try? JSONValue.parse(request.rawBody), case .object = json else {
                throw APIError.invalidArgument("Invalid JSON payload received.", reason: "parseError")
            }
            try BodyValidator(schemas: request.route.document.schemas).validate(json, schemaNamed: "Object")
            metadata = json
        }
        guard let name = request.query["name"] ?? metadata["name"]?.stringValue, !name.isEmpty else {
            throw APIError.invalidArgument("Required parameter: name", reason: "required")
        }
        if metadata["contentType"] == nil {
            metadata["contentType"] = .string(request.header("X-Upload-Content-Type") ?? "application/octet-stream")
        }
        let id = "ADPycd" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        var session: JSONValue = [
            "bucket": .string(bucket), "name": .string(name), "metadata": metadata, "@data": "",
        ]
        if let match = request.query.int("ifGenerationMatch") { session["ifGenerationMatch"] = .int(match) }
        if let notMatch = request.query.int("ifGenerationNotMatch") { session["ifGenerationNotMatch"] = .int(notMatch) }
        state.setResource(project, collection, id, session)
        let encodedName = name.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "-._~/").union(.alphanumerics)) ?? name
        let location = "\(request.baseURL)/storage/upload/storage/v1/b/\(bucket)/o?uploadType=resumable&name=\(encodedName)&upload_id=\(id)"
        return HTTPResponseMessage(status: 200, headers: [("Location", location)])
    }

    /// A `PUT` to a session URI.
    static func handle(_ request: HTTPRequestMessage, core: EmulatorCore) -> HTTPReply {
        var latency = core.configuration.latencyMilliseconds
        var fault: String?
        var dropAfterKeeping = false
        var reply: HTTPResponseMessage
        switch core.faults.decide(methodID: "storage.objects.insert", httpMethod: request.method, path: request.path) {
        case .respond(let code, let status, let message, let retryAfter):
            fault = String(code)
            var error = APIError(code: code, status: status, message: message, reason: code == 429 ? "rateLimitExceeded" : "backendError")
            if let retryAfter { error.headers = [("Retry-After", String(retryAfter))] }
            reply = .error(error)
            return record(request, reply, fault: fault, core: core, latency: latency)
        case .drop:
            fault = "drop"
            dropAfterKeeping = true
            reply = HTTPResponseMessage(status: 0)
        case .body(let code, let contentType, let text):
            fault = "body \(code)"
            reply = HTTPResponseMessage(status: code, headers: [("Content-Type", contentType)], body: Array(text.utf8))
            return record(request, reply, fault: fault, core: core, latency: latency)
        case .delay(let milliseconds):
            fault = "delay"
            latency += milliseconds
            reply = HTTPResponseMessage(status: 0)
        case .failOperation, .none:
            reply = HTTPResponseMessage(status: 0)
        }
        do {
            reply = try core.withState { state in try answer(request, keepingHalf: dropAfterKeeping, baseURL: core.baseURL, now: core.clock.now(), state: &state) }
        } catch let error as APIError {
            reply = .error(error)
        } catch {
            reply = .error(.internalError("The emulator failed: \(error)"))
        }
        if dropAfterKeeping {
            core.record(request, api: "storage", methodID: "storage.objects.insert", status: 0, mutating: true, fault: fault)
            return .drop(delayMilliseconds: latency)
        }
        return record(request, reply, fault: fault, core: core, latency: latency)
    }

    private static func record(_ request: HTTPRequestMessage, _ reply: HTTPResponseMessage, fault: String?, core: EmulatorCore,
                               latency: Int) -> HTTPReply {
        core.record(request, api: "storage", methodID: "storage.objects.insert", status: reply.status, mutating: true, fault: fault)
        return .respond(reply, delayMilliseconds: latency)
    }

    /// `bytes FIRST-LAST/TOTAL`, `bytes */TOTAL`, `bytes FIRST-LAST/*`.
    struct ContentRange {
        var first: Int?
        var last: Int?
        var total: Int?

        init?(_ header: String?) {
            guard let header, header.hasPrefix("bytes ") else { return nil }
            let parts = header.dropFirst("bytes ".count).split(separator: "/", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            total = parts[1] == "*" ? nil : Int(parts[1])
            if parts[0] != "*" {
                let bounds = parts[0].split(separator: "-")
                guard bounds.count == 2, let first = Int(bounds[0]), let last = Int(bounds[1]), first <= last else { return nil }
                self.first = first
                self.last = last
            }
        }
    }

    private static func answer(_ request: HTTPRequestMessage, keepingHalf: Bool, baseURL: String, now: Date,
                               state: inout EmulatorState) throws -> HTTPResponseMessage {
        let id = QueryParameters(request.query)["upload_id"] ?? ""
        guard let (project, session) = state.findResource(collection, id) else {
            throw APIError.notFound("No such upload session: \(id)")
        }
        // A finished session answers with its object, as Google's do.
        if let object = session["@object"] { return .json(object.publicView) }
        var held = session["@data"]?.stringValue.flatMap(Base64.decode) ?? []
        guard let range = ContentRange(request.header("Content-Range")) ?? (request.body.isEmpty ? ContentRange("bytes */*") : nil) else {
            throw APIError.invalidArgument("Invalid Content-Range header: \(request.header("Content-Range") ?? "(none)")", reason: "invalid")
        }
        if let first = range.first, let last = range.last {
            guard first <= held.count else {
                throw APIError.invalidArgument("Invalid request. The upload holds \(held.count) bytes; a chunk starting at \(first) would leave a gap.", reason: "invalid")
            }
            guard request.body.count == last - first + 1 else {
                throw APIError.invalidArgument("Content-Range says \(last - first + 1) bytes, the request carries \(request.body.count).", reason: "invalid")
            }
            var body = request.body.dropFirst(held.count - first)
            if keepingHalf { body = body.prefix(body.count / 2 / quantum * quantum) }
            held += body
            var updated = session
            updated["@data"] = .string(Base64.encode(held))
            state.setResource(project, collection, id, updated)
            if keepingHalf { return HTTPResponseMessage(status: 0) }
        }
        guard let total = range.total, held.count >= total else {
            var headers: [(String, String)] = []
            if !held.isEmpty { headers.append(("Range", "bytes=0-\(held.count - 1)")) }
            return HTTPResponseMessage(status: 308, headers: headers)
        }
        guard held.count == total else {
            throw APIError.invalidArgument("The upload holds \(held.count) bytes, more than the \(total) the request says.", reason: "invalid")
        }
        let bucketName = session["bucket"]?.stringValue ?? ""
        let (_, bucket) = try StorageBucketsAPI.find(bucketName, in: state)
        let object = try StorageObjectsAPI.write(
            name: session["name"]?.stringValue ?? "", in: (bucketName, bucket), project: project, data: held,
            metadata: session["metadata"] ?? [:],
            preconditions: (session["ifGenerationMatch"]?.intValue, session["ifGenerationNotMatch"]?.intValue),
            baseURL: baseURL, now: now, state: &state)
        var finished = session
        finished["@data"] = nil
        finished["@object"] = object.publicView
        state.setResource(project, collection, id, finished)
        return .json(object.publicView)
    }
}
