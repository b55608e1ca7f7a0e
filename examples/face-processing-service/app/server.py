"""A stand-in face processing service: /health for Cloud Run, POST /process answers a
fixed analysis of whatever image bytes it is sent."""
import hashlib
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def answer(self, status, body):
        data = (json.dumps(body) + "\n").encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            self.answer(200, {"status": "ok", "service": "face-processing-service"})
        else:
            self.answer(404, {"error": "not found"})

    def do_POST(self):
        if self.path != "/process":
            return self.answer(404, {"error": "not found"})
        image = self.rfile.read(int(self.headers.get("content-length", 0)))
        digest = hashlib.sha256(image).hexdigest()
        self.answer(200, {"faces": 1 if image else 0, "embedding": digest[:16], "bytes": len(image)})


if __name__ == "__main__":
    ThreadingHTTPServer(("", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
