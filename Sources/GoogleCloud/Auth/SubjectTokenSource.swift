import Foundation

/// How a subject token is written where it is read: the whole text, or one field of a
/// JSON object (GitHub's token URL answers `{"value": "…"}`).
enum SubjectTokenFormat: Sendable, Equatable {
    case text
    case json(field: String)

    func token(in data: Data, origin: String) throws -> String {
        switch self {
        case .text:
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw SubjectTokenFailure("\(origin) is empty") }
            return token
        case .json(let field):
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw SubjectTokenFailure("\(origin) is not a JSON object")
            }
            guard let token = object[field] as? String, !token.isEmpty else {
                throw SubjectTokenFailure("\(origin) has no string field \"\(field)\"")
            }
            return token
        }
    }
}

/// Why a subject token could not be had, said without the token.
struct SubjectTokenFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Where an external account's subject token comes from, read again at every exchange
/// (CI systems and Kubernetes rotate it).
enum SubjectTokenSource: Sendable {
    case file(String, format: SubjectTokenFormat)
    case url(String, headers: [String: String], format: SubjectTokenFormat)
    case executable(ExecutableSubjectToken)

    func token(transport: any HTTPTransport) async throws -> String {
        switch self {
        case .file(let path, let format):
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw SubjectTokenFailure("cannot read \(path) (credential_source.file)")
            }
            return try format.token(in: data, origin: path)
        case .url(let url, let headers, let format):
            return try await Self.fetch(url, headers: headers, format: format, transport: transport)
        case .executable(let executable):
            return try await executable.token()
        }
    }

    private static func fetch(_ url: String, headers: [String: String], format: SubjectTokenFormat,
                              transport: any HTTPTransport) async throws -> String {
        var fields = HTTPHeaders()
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { fields.add(name, value) }
        // Azure's and other clouds' instance endpoints are plain http on a link-local address.
        let linkLocal = URLParts(url).map { $0.isNeverProxied } ?? false
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(method: .get, url: url, headers: fields, timeout: .seconds(30),
                                                            allowsCleartext: linkLocal))
        } catch let error as TransportError {
            throw SubjectTokenFailure("\(Self.withoutQuery(url)) could not be reached: \(error.description)")
        }
        guard response.isSuccess else {
            throw SubjectTokenFailure("\(Self.withoutQuery(url)) answered \(response.status)")
        }
        return try format.token(in: response.body, origin: "the answer of \(Self.withoutQuery(url))")
    }

    /// A token URL's query may carry a request token (GitHub's does): messages show the path only.
    static func withoutQuery(_ url: String) -> String {
        url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
    }
}
