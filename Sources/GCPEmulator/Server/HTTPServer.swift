import NIOCore
import NIOHTTP1
import NIOPosix

/// The listening socket: HTTP/1.1 with keep-alive on a loopback address, port 0 meaning
/// an ephemeral port. It knows nothing of Google's APIs; it hands every request to the
/// responder.
final class HTTPServer: Sendable {
    private let serverChannel: Channel
    private let connections: Locked<[ObjectIdentifier: Channel]>
    private let accepted: Locked<Int>
    let port: Int

    /// How many connections clients have opened so far: a client that reuses its
    /// connections opens few.
    var acceptedConnections: Int { accepted.snapshot }

    private init(serverChannel: Channel, connections: Locked<[ObjectIdentifier: Channel]>, accepted: Locked<Int>, port: Int) {
        self.serverChannel = serverChannel
        self.connections = connections
        self.accepted = accepted
        self.port = port
    }

    static func start(
        host: String, port: Int, gauge: InFlightGauge? = nil,
        responder: @escaping @Sendable (HTTPRequestMessage) async -> HTTPReply
    ) async throws -> HTTPServer {
        let connections = Locked<[ObjectIdentifier: Channel]>([:])
        let accepted = Locked(0)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                let key = ObjectIdentifier(channel)
                connections.withLock { $0[key] = channel }
                accepted.withLock { $0 += 1 }
                channel.closeFuture.whenComplete { _ in _ = connections.withLock { $0.removeValue(forKey: key) } }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(HTTPConnectionHandler(gauge: gauge, responder: responder))
                }
            }
        let channel = try await bootstrap.bind(host: host, port: port).get()
        let boundPort = channel.localAddress?.port ?? port
        return HTTPServer(serverChannel: channel, connections: connections, accepted: accepted, port: boundPort)
    }

    /// Stops accepting and closes every open connection.
    func shutdown() async {
        try? await serverChannel.close()
        let open = connections.withLock { Array($0.values) }
        for channel in open { try? await channel.close() }
    }
}
