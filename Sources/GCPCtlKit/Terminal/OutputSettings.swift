/// `--format`: text for people, json for programs (one document on stdout).
public enum OutputFormat: String, Sendable, CaseIterable, Codable {
    case text
    case json
}

/// `--quiet` and `--verbose`.
public enum Verbosity: Int, Sendable, Comparable {
    /// Only errors and the final result.
    case quiet
    case normal
    /// Also debug lines and the (redacted) HTTP trace.
    case verbose

    public static func < (lhs: Verbosity, rhs: Verbosity) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How a command talks to the terminal.
public struct OutputSettings: Sendable, Equatable {
    public var format: OutputFormat
    public var verbosity: Verbosity
    /// `--no-color`: never colour, whatever the terminal.
    public var colorDisabled: Bool
    /// `--wide`: tables as wide as their contents, whatever the window's width.
    public var wide: Bool

    public init(format: OutputFormat = .text, verbosity: Verbosity = .normal, colorDisabled: Bool = false, wide: Bool = false) {
        self.format = format
        self.verbosity = verbosity
        self.colorDisabled = colorDisabled
        self.wide = wide
    }
}

/// The scripts' colours (blue info, green success, yellow warning, red error) and a few more.
public enum TextColor: String, Sendable {
    case red = "0;31"
    case green = "0;32"
    case yellow = "1;33"
    case blue = "0;34"
    case dim = "2"
    case bold = "1"

    public func paint(_ text: String) -> String {
        "\u{1B}[\(rawValue)m\(text)\u{1B}[0m"
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (non-empty, no-color.org), TERM is
    /// `dumb`, or `--no-color` was given.
    public static func isWanted(on stream: any TerminalStream, disabled: Bool, environment: [String: String]) -> Bool {
        !disabled && stream.isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }
}
