import Foundation

extension GoogleAPIError {
    /// Decodes an error response. Never fails: a body that is not Google's shape (an HTML
    /// page from a proxy, a truncated reply) becomes an error quoting its first line.
    public static func decode(status: Int, body: Data, request: String = "") -> GoogleAPIError {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            return GoogleAPIError(httpStatus: status, message: fallbackMessage(status: status, body: body), request: request)
        }
        // OAuth endpoints answer {"error":"invalid_grant","error_description":"…"}.
        if let code = object["error"] as? String {
            let detail = object["error_description"] as? String ?? code
            return GoogleAPIError(httpStatus: status, status: code, message: detail, reasons: [code], request: request)
        }
        guard let error = object["error"] as? [String: Any] else {
            return GoogleAPIError(httpStatus: status, message: fallbackMessage(status: status, body: body), request: request)
        }
        var result = GoogleAPIError(
            httpStatus: (error["code"] as? Int) ?? status,
            status: error["status"] as? String,
            message: (error["message"] as? String) ?? HTTPStatus.phrase(status),
            request: request
        )
        for item in error["errors"] as? [[String: Any]] ?? [] {
            if let reason = item["reason"] as? String { result.reasons.append(reason) }
        }
        for detail in error["details"] as? [[String: Any]] ?? [] {
            let type = detail["@type"] as? String ?? ""
            if type.hasSuffix("google.rpc.ErrorInfo") {
                var metadata: [String: String] = [:]
                for (key, value) in detail["metadata"] as? [String: Any] ?? [:] {
                    if let value = value as? String { metadata[key] = value }
                }
                result.errorInfo = ErrorInfo(reason: detail["reason"] as? String ?? "",
                                             domain: detail["domain"] as? String ?? "", metadata: metadata)
            } else if type.hasSuffix("google.rpc.Help") {
                for link in detail["links"] as? [[String: Any]] ?? [] {
                    if let url = link["url"] as? String { result.helpLinks.append(url) }
                }
            } else if type.hasSuffix("google.rpc.PreconditionFailure") {
                for violation in detail["violations"] as? [[String: Any]] ?? [] {
                    result.preconditionViolations.append(PreconditionViolation(
                        type: violation["type"] as? String ?? "", subject: violation["subject"] as? String ?? "",
                        description: violation["description"] as? String ?? ""))
                }
            } else if type.hasSuffix("google.rpc.BadRequest") {
                for violation in detail["fieldViolations"] as? [[String: Any]] ?? [] {
                    result.fieldViolations.append(FieldViolation(field: violation["field"] as? String ?? "",
                                                                 description: violation["description"] as? String ?? ""))
                }
            }
        }
        return result
    }

    private static func fallbackMessage(status: Int, body: Data) -> String {
        let text = String(decoding: body.prefix(512), as: UTF8.self)
        let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init)?
            .trimmingCharacters(in: .whitespaces) ?? ""
        let phrase = HTTPStatus.phrase(status)
        return firstLine.isEmpty ? phrase : "\(phrase); the response was not JSON: \(firstLine.prefix(160))"
    }
}

enum HTTPStatus {
    static func phrase(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 412: "Precondition Failed"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "HTTP \(status)"
        }
    }
}
