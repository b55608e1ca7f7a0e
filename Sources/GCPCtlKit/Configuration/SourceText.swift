import Foundation

/// A configuration file's text, read with errors that say which file and what is wrong
/// with it: a directory, text that is not UTF-8 (with where the first bad byte is), a file
/// that cannot be read. Foundation's own messages name neither the file nor the cause.
enum SourceText {
    static func read(_ url: URL, shown: String) throws(ConfigurationError) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .unreadableFile(path: shown, reason: "it is a directory, not a file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = (error as NSError).code == NSFileReadNoSuchFileError ? "no such file" : (error as NSError).localizedDescription
            throw .unreadableFile(path: shown, reason: reason)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let (line, column) = firstInvalidByte(in: data)
            throw .unreadableFile(path: shown, reason: "it is not UTF-8 text (the first byte that is not is at line \(line), column \(column)); save it as UTF-8")
        }
        return text
    }

    /// The line and column (1-based, counting characters as scalars) of the first byte
    /// that breaks UTF-8.
    static func firstInvalidByte(in data: Data) -> (line: Int, column: Int) {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var line = 1, column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput, .error:
                return (line, column)
            }
        }
    }
}
