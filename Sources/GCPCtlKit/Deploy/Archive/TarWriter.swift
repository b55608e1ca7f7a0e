import Foundation

/// Writes a POSIX ustar archive (with a pax `path` record for names longer than ustar
/// holds), byte for byte the same for the same entries: owner 0, fixed times, no user names.
struct TarWriter {
    enum Kind: Sendable {
        case file(Data, executable: Bool)
        case directory
        case symlink(target: String)
    }

    /// 1980-01-01T00:00:00Z: a fixed time that every tool accepts (0 trips some).
    static let fixedModificationTime = 315_532_800

    private(set) var data = Data()

    mutating func append(path: String, _ kind: Kind) {
        let name: String
        switch kind {
        case .directory: name = path.hasSuffix("/") ? path : path + "/"
        case .file, .symlink: name = path
        }
        var records: [(String, String)] = []
        if name.utf8.count > 100 { records.append(("path", name)) }
        if case .symlink(let target) = kind, target.utf8.count > 100 { records.append(("linkpath", target)) }
        if !records.isEmpty { appendPaxHeader(records, for: name) }

        var header = Header()
        header.set(0, 100, truncated(name, 100))
        switch kind {
        case .file(let contents, let executable):
            header.setOctal(100, 8, executable ? 0o755 : 0o644)
            header.setOctal(124, 12, contents.count)
            header.set(156, 1, "0")
        case .directory:
            header.setOctal(100, 8, 0o755)
            header.setOctal(124, 12, 0)
            header.set(156, 1, "5")
        case .symlink(let target):
            header.setOctal(100, 8, 0o777)
            header.setOctal(124, 12, 0)
            header.set(156, 1, "2")
            header.set(157, 100, truncated(target, 100))
        }
        header.finish()
        data.append(contentsOf: header.bytes)
        if case .file(let contents, _) = kind { appendPadded(contents) }
    }

    /// Two zero blocks end the archive.
    mutating func finish() -> Data {
        data.append(Data(count: 1024))
        return data
    }

    private mutating func appendPaxHeader(_ records: [(String, String)], for name: String) {
        var body = Data()
        for (key, value) in records {
            // "LENGTH key=value\n" where LENGTH counts itself.
            let rest = " \(key)=\(value)\n".utf8.count
            var length = rest + 1
            while String(length).utf8.count + rest != length { length = String(length).utf8.count + rest }
            body.append(contentsOf: Array("\(length) \(key)=\(value)\n".utf8))
        }
        var header = Header()
        header.set(0, 100, truncated("PaxHeaders/" + (name.split(separator: "/").last.map(String.init) ?? "entry"), 100))
        header.setOctal(100, 8, 0o644)
        header.setOctal(124, 12, body.count)
        header.set(156, 1, "x")
        header.finish()
        data.append(contentsOf: header.bytes)
        appendPadded(body)
    }

    private mutating func appendPadded(_ contents: Data) {
        data.append(contents)
        let remainder = contents.count % 512
        if remainder != 0 { data.append(Data(count: 512 - remainder)) }
    }

    /// The first `limit` bytes of `text`, cut at a character boundary.
    private func truncated(_ text: String, _ limit: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for character in text {
            let utf8 = Array(String(character).utf8)
            guard bytes.count + utf8.count <= limit else { break }
            bytes += utf8
        }
        return bytes
    }

    /// One 512-byte ustar header.
    private struct Header {
        var bytes = [UInt8](repeating: 0, count: 512)

        init() {
            setOctal(108, 8, 0)  // uid
            setOctal(116, 8, 0)  // gid
            setOctal(136, 12, TarWriter.fixedModificationTime)
            set(257, 6, Array("ustar\0".utf8))
            set(263, 2, Array("00".utf8))
        }

        mutating func set(_ offset: Int, _ length: Int, _ value: [UInt8]) {
            for (index, byte) in value.prefix(length).enumerated() { bytes[offset + index] = byte }
        }

        mutating func set(_ offset: Int, _ length: Int, _ value: String) {
            set(offset, length, Array(value.utf8))
        }

        /// Zero-padded octal digits and a NUL, filling the field.
        mutating func setOctal(_ offset: Int, _ length: Int, _ value: Int) {
            let digits = String(value, radix: 8)
            set(offset, length, Array((String(repeating: "0", count: max(0, length - 1 - digits.count)) + digits).utf8) + [0])
        }

        /// The checksum: the sum of the header's bytes with the checksum field as spaces.
        mutating func finish() {
            for index in 148..<156 { bytes[index] = 0x20 }
            let sum = bytes.reduce(0) { $0 + Int($1) }
            let digits = String(sum, radix: 8)
            set(148, 8, Array((String(repeating: "0", count: max(0, 6 - digits.count)) + digits).utf8) + [0, 0x20])
        }
    }
}
