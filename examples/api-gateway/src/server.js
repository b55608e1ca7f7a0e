// The API's front door: /health for Cloud Run, /api/services for the other services' URLs
// (gcpctl deploy passes them as WEBSOCKET_URL and FACE_PROCESSING_URL).
const http = require("node:http");

const port = Number(process.env.PORT || 8080);
const started = new Date().toISOString();

function send(response, status, body) {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body) + "\n");
}

const routes = {
  "/health": () => ({ status: "ok", service: "api-gateway", started }),
  "/api/services": () => ({
    websocket: process.env.WEBSOCKET_URL || null,
    faceProcessing: process.env.FACE_PROCESSING_URL || null,
    database: process.env.DATABASE_HOST ? "cloudsql" : "none",
  }),
};

http
  .createServer((request, response) => {
    const route = routes[new URL(request.url, "http://localhost").pathname];
    if (route) send(response, 200, route());
    else send(response, 404, { error: "not found" });
  })
  .listen(port, () => console.log(`api-gateway listening on ${port}`));
