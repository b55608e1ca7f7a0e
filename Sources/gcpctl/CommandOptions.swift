import ArgumentParser
import GCPCtlKit

/// An option group that changes what every command's settings say, given to
/// `GlobalOptions.run` by the commands that take it.
protocol SettingsOptions {
    func apply(to settings: inout GlobalSettings)
}

/// `--yes`: only on the commands that ask before changing anything (setup, cleanup, delete,
/// sql stop); a command that never asks has no use for it.
struct ConsentOptions: ParsableArguments, SettingsOptions {
    @Flag(name: [.short, .long], help: "Answer yes to confirmations; typed confirmations such as DELETE ALL still need their own flag. (default: ask on a terminal, refuse without one)")
    var yes = false

    func apply(to settings: inout GlobalSettings) {
        settings.assumeYes = yes
    }
}

/// `--wide`: on the commands that print tables (status, cost, cleanup).
struct TableOptions: ParsableArguments, SettingsOptions {
    @Flag(help: "Print every column of every table, however wide. (default: fit the terminal's width, leaving out or cutting the least useful columns)")
    var wide = false

    func apply(to settings: inout GlobalSettings) {
        settings.wide = wide
    }
}
