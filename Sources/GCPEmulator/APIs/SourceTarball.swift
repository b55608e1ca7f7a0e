import CCurl
import Foundation

/// A build's uploaded source, a gzip'd tar, read the way Cloud Build unpacks it: enough to
/// find one file (the Dockerfile a build step names), so that the build's log can show its
/// instructions.
enum SourceTarball {
    /// Larger sources are not unpacked: the log then shows no Dockerfile lines.
    static let inflatedLimit = 256 * 1_048_576

    /// The contents of the regular file at `path` (`./` prefixes ignored), or nil when the
    /// bytes are not a gzip'd tar or hold no such file.
    static func file(_ path: String, in gzipped: [UInt8]) -> [UInt8]? {
        guard let tar = gunzip(gzipped) else { return nil }
        let wanted = normalized(path)
        var offset = 0
        var longName: String?
        while offset + 512 <= tar.count {
            let header = tar[offset..<offset + 512]
            if header.allSatisfy({ $0 == 0 }) { return nil }
            guard let size = octal(header, 124, 12) else { return nil }
            let start = offset + 512
            let end = start + size
            guard end <= tar.count else { return nil }
            let type = header[header.startIndex + 156]
            switch type {
            case UInt8(ascii: "x"):
                // A pax header: its `path` record names the next entry.
                longName = paxPath(Array(tar[start..<end])) ?? longName
            case UInt8(ascii: "0"), 0:
                let name = longName ?? ustarName(header)
                longName = nil
                if normalized(name) == wanted { return Array(tar[start..<end]) }
            default:
                longName = nil
            }
            offset = start + (size + 511) / 512 * 512
        }
        return nil
    }

    static func gunzip(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count > 18, bytes[0] == 0x1F, bytes[1] == 0x8B else { return nil }
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        let ok = bytes.withUnsafeBufferPointer { buffer in
            cdecompress_gzip(buffer.baseAddress, buffer.count, inflatedLimit, &output, &length)
        }
        guard ok == 1, let output else { return nil }
        defer { ccrypto_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: length))
    }

    private static func normalized(_ path: String) -> String {
        var path = Substring(path)
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        return String(path)
    }

    /// ustar's `prefix/name`.
    private static func ustarName(_ header: ArraySlice<UInt8>) -> String {
        let name = text(header, 0, 100)
        let prefix = text(header, 345, 155)
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    private static func text(_ header: ArraySlice<UInt8>, _ offset: Int, _ length: Int) -> String {
        let field = header[(header.startIndex + offset)..<(header.startIndex + offset + length)]
        return String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }

    private static func octal(_ header: ArraySlice<UInt8>, _ offset: Int, _ length: Int) -> Int? {
        let digits = text(header, offset, length).trimmingCharacters(in: .whitespaces)
        return digits.isEmpty ? 0 : Int(digits, radix: 8)
    }

    /// The `path` of pax records (`LENGTH path=VALUE\n` …).
    private static func paxPath(_ body: [UInt8]) -> String? {
        for record in String(decoding: body, as: UTF8.self).split(separator: "\n") {
            guard let space = record.firstIndex(of: " ") else { continue }
            let pair = record[record.index(after: space)...]
            if pair.hasPrefix("path=") { return String(pair.dropFirst("path=".count)) }
        }
        return nil
    }
}
