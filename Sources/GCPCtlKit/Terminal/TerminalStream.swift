import Foundation

/// Where text goes: standard output, standard error, or a capture in tests.
public protocol TerminalStream: Sendable {
    /// Whether a person is looking at it (decides colour and redrawn progress lines).
    var isTerminal: Bool { get }
    /// The terminal's size, read when asked (so it follows a resized window); nil when the
    /// stream is not a terminal.
    var size: TerminalSize? { get }
    func write(_ text: String)
}

extension TerminalStream {
    public var size: TerminalSize? { nil }
}

/// Standard output or standard error of this process.
public struct StandardStream: TerminalStream {
    let descriptor: Int32

    public static let output = StandardStream(descriptor: STDOUT_FILENO)
    public static let error = StandardStream(descriptor: STDERR_FILENO)

    public var isTerminal: Bool { isatty(descriptor) == 1 }

    public var size: TerminalSize? { TerminalSize.of(descriptor: descriptor) }

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
    private let currentSize: Locked<TerminalSize?>

    public init(isTerminal: Bool = false, size: TerminalSize? = nil) {
        self.isTerminal = isTerminal
        currentSize = Locked(size)
    }

    public var size: TerminalSize? { currentSize.current }

    /// A window resized (tests follow it with `TerminalResizes.notify()`).
    public func resize(to size: TerminalSize?) {
        currentSize.withLock { $0 = size }
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
