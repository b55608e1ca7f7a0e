import Foundation

/// The size of the terminal a stream writes to, in character cells.
public struct TerminalSize: Sendable, Equatable {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// Asks the terminal behind `descriptor` (TIOCGWINSZ); nil for a pipe or a file, or a
    /// terminal that reports no size (some CI pseudo-terminals say 0×0).
    public static func of(descriptor: Int32) -> TerminalSize? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return TerminalSize(columns: Int(size.ws_col), rows: size.ws_row > 0 ? Int(size.ws_row) : 24)
    }
}

/// SIGWINCH, as callbacks: the live progress lines are drawn again at the new width at once
/// instead of at the next tick. `process` is fed by the signal thread `InterruptMonitor`
/// starts; tests make their own and call `notify()`.
public final class TerminalResizes: Sendable {
    private let actions = Locked<[@Sendable () -> Void]>([])

    public init() {}

    /// This process's window-size changes.
    public static let process = TerminalResizes()

    public func onResize(_ action: @escaping @Sendable () -> Void) {
        actions.withLock { $0.append(action) }
    }

    public func notify() {
        actions.current.forEach { $0() }
    }
}
