import Foundation

/// Where text goes: standard output, standard error, or a capture in tests.
public protocol TerminalStream: Sendable {
    /// Whether a person is looking at it (decides colour and redrawn progress lines).
    var isTerminal: Bool { get }
    func write(_ text: String)
}

/// Standard output or standard error of this process.
public struct StandardStream: TerminalStream {
    let descriptor: Int32

    public static let output = StandardStream(descriptor: STDOUT_FILENO)
    public static let error = StandardStream(descriptor: STDERR_FILENO)

    public var isTerminal: Bool { isatty(descriptor) == 1 }

    public func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return  // a closed pipe: nothing useful left to do with the text
            }
            bytes = bytes.dropFirst(written)
        }
    }
}

/// A stream that keeps what is written, for tests (and anything else that wants the text).
public final class CapturedStream: TerminalStream {
    public let isTerminal: Bool
    private let buffer = Locked("")

    public init(isTerminal: Bool = false) {
        self.isTerminal = isTerminal
    }

    public func write(_ text: String) {
        buffer.withLock { $0 += text }
    }

    /// Everything written so far.
    public var text: String { buffer.current }

    /// The text split into lines (without a trailing empty line).
    public var lines: [String] {
        let text = self.text
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
