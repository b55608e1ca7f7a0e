/// A text split into lines with their terminators kept, so that a file can be rewritten
/// with every untouched byte (CRLF or LF, a missing final newline) as it was.
struct DotEnvLines {
    struct Line {
        /// The line without its terminator (and without a `\r` before `\n`).
        var content: String
        /// "\n", "\r\n" or "" for a last line without one.
        var terminator: String
    }

    var lines: [Line]

    init(_ text: String) {
        // Split on scalars, not Characters: "\r\n" is one Character in Swift.
        lines = []
        var current = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" {
                lines.append(Line(content: String(current), terminator: "\n"))
                current = String.UnicodeScalarView()
            } else if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                lines.append(Line(content: String(current), terminator: "\r\n"))
                current = String.UnicodeScalarView()
                index += 1
            } else {
                current.append(scalar)
            }
            index += 1
        }
        if !current.isEmpty { lines.append(Line(content: String(current), terminator: "")) }
    }

    /// The terminator most lines use, for lines added to the file.
    var dominantTerminator: String {
        let crlf = lines.filter { $0.terminator == "\r\n" }.count
        let lf = lines.filter { $0.terminator == "\n" }.count
        return crlf > lf ? "\r\n" : "\n"
    }

    var text: String {
        lines.map { $0.content + $0.terminator }.joined()
    }
}
