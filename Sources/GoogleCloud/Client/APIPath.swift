/// A path under an API's root (`v1/projects/P/secrets/S`), built so that no name can change
/// its shape. Every value interpolated into it is percent-encoded as one path segment, as
/// google.api.http expands a `{var}`: everything but `[-_.~0-9a-zA-Z]` is encoded, so a
/// secret id `../secrets/jwt-secret` stays one segment (`..%2Fsecrets%2Fjwt-secret`) instead
/// of naming another secret. `\(name: x)` interpolates a resource name Google handed out
/// (an operation's `projects/P/locations/L/operations/O`) as a `{+var}`: its slashes stay,
/// each segment is encoded. A segment that would read as `.` or `..` has its dots encoded,
/// so neither libcurl nor a server can resolve it against the path before it.
public struct APIPath: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The path as it goes on the wire: literal text as written, values encoded.
    public private(set) var encoded: String

    public init(stringLiteral value: String) {
        encoded = value
    }

    public init(stringInterpolation: StringInterpolation) {
        encoded = stringInterpolation.encoded
    }

    public var description: String { encoded }

    public struct StringInterpolation: StringInterpolationProtocol {
        var encoded = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            encoded.reserveCapacity(literalCapacity + 16 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            encoded += literal
        }

        /// One segment: a project, a region, a resource id.
        public mutating func appendInterpolation(_ segment: String) {
            encoded += APIPath.segment(segment)
        }

        public mutating func appendInterpolation<Number: BinaryInteger>(_ number: Number) {
            encoded += String(number)
        }

        /// A resource name of several segments, slashes kept (`{+name}`).
        public mutating func appendInterpolation(name: String) {
            encoded += name.split(separator: "/", omittingEmptySubsequences: false)
                .map { APIPath.segment(String($0)) }.joined(separator: "/")
        }

        /// A path built already (`path(project, id)` + `/versions`).
        public mutating func appendInterpolation(_ path: APIPath) {
            encoded += path.encoded
        }
    }

    public static func + (lhs: APIPath, rhs: APIPath) -> APIPath {
        var path = lhs
        path.encoded += rhs.encoded
        return path
    }

    /// `value` percent-encoded as one segment (RFC 3986 unreserved characters kept), its
    /// dots too when it is all dots.
    public static func segment(_ value: String) -> String {
        if !value.isEmpty, value.utf8.allSatisfy({ $0 == UInt8(ascii: ".") }) {
            return String(repeating: "%2E", count: value.utf8.count)
        }
        return QueryString.escape(value)
    }
}
