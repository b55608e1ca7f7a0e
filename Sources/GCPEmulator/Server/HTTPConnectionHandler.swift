import NIOCore
import NIOHTTP1

/// One per connection: gathers a request (head, body, end), hands it to the responder on
/// a task of its own, and writes the reply back on the channel's event loop.
///
/// The responder runs off the event loop so that an injected delay or latency on one
/// request never holds up another, and keep-alive connections are served in order by
/// NIO's pipelining helper in front of this handler.
final class HTTPConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    static let maximumBodyBytes = 256 * 1024 * 1024

    private let responder: @Sendable (HTTPRequestMessage) async -> HTTPReply
    private let gauge: InFlightGauge?
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var bodyTooLarge = false

    init(gauge: InFlightGauge? = nil, responder: @escaping @Sendable (HTTPRequestMessage) async -> HTTPReply) {
        self.gauge = gauge
        self.responder = responder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
            bodyTooLarge = false
            // libcurl waits up to a second for this before sending a large body.
            if head.headers["Expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                let interim = HTTPResponseHead(version: head.version, status: .continue)
                context.writeAndFlush(wrapOutboundOut(.head(interim)), promise: nil)
            }
        case .body(let chunk):
            if body.count + chunk.readableBytes > Self.maximumBodyBytes {
                bodyTooLarge = true
            } else {
                body.append(contentsOf: chunk.readableBytesView)
            }
        case .end:
            guard let head else { return }
            self.head = nil
            dispatch(head: head, context: context)
        }
    }

    private func dispatch(head: HTTPRequestHead, context: ChannelHandlerContext) {
        let keepAlive = head.isKeepAlive
        let eventLoop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: eventLoop)
        if bodyTooLarge {
            let error = APIError(code: 413, status: "INVALID_ARGUMENT", message: "Request body too large.", reason: "uploadTooLarge")
            send(.respond(.error(error), delayMilliseconds: 0), keepAlive: false, context: context)
            return
        }
        let request = HTTPRequestMessage(
            method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) }, body: body)
        body = []
        let responder = self.responder
        let gauge = self.gauge
        gauge?.enter()
        Task {
            let reply = ResponseCompression.compress(await responder(request), for: request)
            let delay = switch reply {
            case .respond(_, let milliseconds), .drop(let milliseconds): milliseconds
            }
            if delay > 0 { try? await Task.sleep(for: .milliseconds(delay)) }
            gauge?.leave()
            eventLoop.execute {
                let (handler, context) = bound.value
                handler.send(reply, keepAlive: keepAlive, context: context)
            }
        }
    }

    private func send(_ reply: HTTPReply, keepAlive: Bool, context: ChannelHandlerContext) {
        guard case .respond(let response, _) = reply else {
            context.close(promise: nil)
            return
        }
        var headers = HTTPHeaders(response.headers)
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        headers.replaceOrAdd(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        let status = HTTPResponseStatus(statusCode: response.status)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        if !response.body.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: response.body.count)
            buffer.writeBytes(response.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            written.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
