import CCurl
import Foundation
import Synchronization

/// One libcurl multi handle driven by one thread: every request of the process is a
/// transfer on it, so connections (and HTTP/2 streams) are shared and reused, and a
/// thousand requests in flight cost a thousand easy handles, not a thousand threads.
///
/// Other threads only hand work over through `pending` and wake the loop with
/// `curl_multi_wakeup`, the one multi call libcurl allows from another thread.
final class CurlMulti: @unchecked Sendable {  // `multi` is used by the loop thread only, but for wakeup
    static let shared = CurlMulti()

    private struct Pending {
        var added: [CurlTransfer] = []
        /// Held, not named by address: a cancellation can arrive after its transfer finished,
        /// and a freed transfer's address is soon a new transfer's, which it must not stop.
        var cancelled: [CurlTransfer] = []
    }

    private let multi: UnsafeMutableRawPointer
    private let pending = Mutex(Pending())

    private init() {
        _ = ccurl_global_init()
        multi = curl_multi_init()
        ccurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, 256)
        let thread = Thread { [self] in run() }
        thread.name = "gcpctl.curl"
        thread.start()
    }

    func submit(_ transfer: CurlTransfer) {
        pending.withLock { $0.added.append(transfer) }
        curl_multi_wakeup(multi)
    }

    func cancel(_ transfer: CurlTransfer) {
        pending.withLock { $0.cancelled.append(transfer) }
        curl_multi_wakeup(multi)
    }

    // Everything below runs on the loop thread only.

    private func run() {
        var active: [ObjectIdentifier: CurlTransfer] = [:]
        var running: Int32 = 0
        while true {
            let work = pending.withLock { state in
                defer { state = Pending() }
                return state
            }
            for transfer in work.added {
                active[ObjectIdentifier(transfer)] = transfer
                curl_multi_add_handle(multi, transfer.easy)
            }
            for cancelled in work.cancelled {
                if let transfer = active.removeValue(forKey: ObjectIdentifier(cancelled)) {
                    curl_multi_remove_handle(multi, transfer.easy)
                    transfer.cancel()
                }
            }
            curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                guard let pointer = ccurl_easy_private(easy) else { continue }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(pointer).takeUnretainedValue()
                active.removeValue(forKey: ObjectIdentifier(transfer))
                curl_multi_remove_handle(multi, easy)
                transfer.complete(with: code)
            }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
    }
}
