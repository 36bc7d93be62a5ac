// The HTTP server in front of Next (production and development): one addition, for downloads.
// Next drops Content-Length from route handler responses (it may have decoded the body); a download
// needs it for progress bars and resumption, so the download route names the length in an internal
// header and this server turns it back into Content-Length before the first byte is written.
import http from "node:http";
import next from "next";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
const LENGTH_HEADER = "x-handoff-content-length";

const app = next({ dev, port, hostname: hostname === "0.0.0.0" ? "localhost" : hostname });
const handle = app.getRequestHandler();
await app.prepare();

function restoreContentLength(res) {
  const setHeader = res.setHeader.bind(res);
  const appendHeader = res.appendHeader.bind(res);
  res.setHeader = (name, value) => (String(name).toLowerCase() === LENGTH_HEADER ? setHeader("content-length", value) : setHeader(name, value));
  res.appendHeader = (name, value) => (String(name).toLowerCase() === LENGTH_HEADER ? setHeader("content-length", value) : appendHeader(name, value));
}

const server = http.createServer((req, res) => {
  // With no proxy in front, the caller's address is the socket's (per-network limits such as sign-in need one).
  if (!req.headers["x-forwarded-for"] && !req.headers["x-real-ip"] && req.socket.remoteAddress) req.headers["x-real-ip"] = req.socket.remoteAddress;
  if (req.url?.startsWith("/download/")) restoreContentLength(res);
  handle(req, res).catch((error) => {
    console.error(JSON.stringify({ level: "error", event: "request_failed", url: req.url?.split("?")[0], message: error?.message }));
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end("Internal error");
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`Handoff ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}${dev ? " (development)" : ""}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
