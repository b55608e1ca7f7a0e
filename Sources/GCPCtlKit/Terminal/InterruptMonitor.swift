import CCurl
import Foundation

/// Thrown when the user pressed Ctrl-C (or the process got SIGTERM): exit status 130.
public struct InterruptedError: Error, Equatable, Sendable, CustomStringConvertible {
    public var signal: Int32

    public var description: String {
        "interrupted (\(signal == SIGTERM ? "SIGTERM" : "SIGINT")); operations already started may still be running at Google: run the command again to pick up where it stopped"
    }
}

/// Turns SIGINT and SIGTERM into a flag and a callback, so a command stops starting new work,
/// lets running requests finish or cancel, and exits with 130. A second signal exits at once.
public final class InterruptMonitor: Sendable {
    private struct State {
        var signal: Int32?
        var actions: [@Sendable (Int32) -> Void] = []
        /// Wired to the process's signals (a second one then exits at once).
        var listening = false
    }

    private let state = Locked(State())

    /// A monitor no signal reaches (tests call `interrupt` themselves).
    public init() {}

    /// A monitor wired to this process's SIGINT and SIGTERM. A C handler writes each signal
    /// to a pipe that a thread of the monitor's reads: a signal that comes while gcpctl is
    /// still starting up is acted on once the monitor is set, never dropped (with SIG_IGN
    /// and a dispatch source, one that came between the two was lost, and a setup signalled
    /// that early went on for as long as its Cloud SQL operation).
    ///
    /// SIGWINCH comes through the same pipe and goes to `resizes` (the live progress lines
    /// are drawn again at the window's new width).
    public static func installed(resizes: TerminalResizes = .process) -> InterruptMonitor {
        let monitor = InterruptMonitor()
        let signals: [Int32] = [SIGINT, SIGTERM, SIGWINCH]
        let readEnd = signals.withUnsafeBufferPointer { csignals_install($0.baseAddress, Int32($0.count)) }
        guard readEnd >= 0 else { return monitor }
        monitor.state.withLock { $0.listening = true }
        let reader = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count == 1 && Int32(byte) == SIGWINCH {
                    resizes.notify()
                } else if count == 1 {
                    monitor.interrupt(signal: Int32(byte))
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
        reader.name = "gcpctl.signals"
        reader.start()
        return monitor
    }

    public var isInterrupted: Bool { state.current.signal != nil }

    /// The error describing the interrupt, once there was one.
    public var interruption: InterruptedError? { state.current.signal.map { InterruptedError(signal: $0) } }

    /// Runs `action` on the first interrupt (at once if one already happened).
    public func onInterrupt(_ action: @escaping @Sendable (Int32) -> Void) {
        let already = state.withLock { state -> Int32? in
            if state.signal == nil { state.actions.append(action) }
            return state.signal
        }
        if let already { action(already) }
    }

    /// What a signal does: the first flips the flag and runs the actions; a second one
    /// means the user really wants out.
    public func interrupt(signal signalNumber: Int32 = SIGINT) {
        let actions = state.withLock { state -> [@Sendable (Int32) -> Void]? in
            guard state.signal == nil else { return nil }
            state.signal = signalNumber
            defer { state.actions = [] }
            return state.actions
        }
        guard let actions else {
            if state.current.listening { exit(130) }
            return
        }
        actions.forEach { $0(signalNumber) }
    }

    /// Throws `InterruptedError` once interrupted: call before starting each piece of work.
    public func checkNotInterrupted() throws(InterruptedError) {
        if let interruption { throw interruption }
    }
}
