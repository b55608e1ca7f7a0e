// Accepts WebSocket upgrades on /ws (RFC 6455 handshake) and echoes short text frames;
// /health answers 200 for Cloud Run's startup probe and gcpctl's check.
const crypto = require("node:crypto");
const http = require("node:http");

const port = Number(process.env.PORT || 8080);
const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

const server = http.createServer((request, response) => {
  const healthy = request.url === "/health";
  response.writeHead(healthy ? 200 : 404, { "content-type": "text/plain" });
  response.end(healthy ? "ok\n" : "not found\n");
});

server.on("upgrade", (request, socket) => {
  const key = request.headers["sec-websocket-key"];
  if (request.url !== "/ws" || !key) return socket.destroy();
  const accept = crypto.createHash("sha1").update(key + GUID).digest("base64");
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  socket.on("data", (frame) => {
    const length = frame[1] & 0x7f;
    if (length > 125) return; // short frames only: an example, not a library
    const mask = frame.subarray(2, 6);
    const text = Buffer.from(frame.subarray(6, 6 + length).map((byte, index) => byte ^ mask[index % 4]));
    socket.write(Buffer.concat([Buffer.from([0x81, text.length]), text]));
  });
});

server.listen(port, () => console.log(`websocket-server listening on ${port}`));
