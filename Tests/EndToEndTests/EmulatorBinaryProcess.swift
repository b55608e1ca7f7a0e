import Foundation
import class Processes.ChildProcess
import TestSupport

/// A `gcp-emulator` process started with some flags, as scripts and `make demo` start it:
/// running once it has said where it listens, stopped with SIGTERM.
struct EmulatorBinaryProcess {
    static let binary = GCPCtlProcess.product("gcp-emulator")
    static let listeningPrefix = "listening on http://127.0.0.1:"

    let process: ChildProcess
    let port: Int

    /// A raw HTTP client for it, with a bearer token, as the emulator's own tests use.
    var client: RawHTTPClient { RawHTTPClient(port: port) }

    struct DidNotStart: Error, CustomStringConvertible {
        var firstLine: String?
        var description: String { "gcp-emulator did not say where it listens; its first line was \(firstLine ?? "nothing")" }
    }

    /// Starts it with `--port 0` and `arguments`, and waits for its first stdout line,
    /// `listening on http://127.0.0.1:PORT`. Pair with `killIfRunning()` in a `defer`.
    static func start(_ arguments: [String]) async throws -> EmulatorBinaryProcess {
        let process = try ChildProcess(binary.path, ["--port", "0"] + arguments, standardOutput: .pipe, standardError: .null)
        let line = await firstLine(of: process.standardOutput!)
        guard let line, line.hasPrefix(listeningPrefix), let port = Int(line.dropFirst(listeningPrefix.count)) else {
            process.send(SIGKILL)
            throw DidNotStart(firstLine: line)
        }
        return EmulatorBinaryProcess(process: process, port: port)
    }

    /// SIGTERM, then waits for it to end; true when it ended cleanly (status 0).
    func stop() async -> Bool {
        process.send(SIGTERM)
        return await process.exit().exitedCleanly
    }

    /// For a `defer`: a test that failed half-way leaves no emulator behind.
    func killIfRunning() {
        process.send(SIGKILL)
    }

    /// Reads `handle` up to and including the first newline, on a thread of its own; nil
    /// when the stream ends first.
    static func firstLine(of handle: FileHandle) async -> String? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var bytes: [UInt8] = []
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { return continuation.resume(returning: nil) }
                    bytes += chunk
                    if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                        return continuation.resume(returning: String(decoding: bytes[..<newline], as: UTF8.self))
                    }
                }
            }
        }
    }
}
