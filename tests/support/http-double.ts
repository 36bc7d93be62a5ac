// A tiny HTTP server base for the local doubles of outside services (Stripe, Resend).
import http from "node:http";
import type { AddressInfo } from "node:net";

export type DoubleRequest = { method: string; path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders; body: string; at: number };
export type DoubleReply = { status: number; body: unknown; headers?: Record<string, string> };
export type DoubleHandler = (request: DoubleRequest) => DoubleReply | Promise<DoubleReply>;

export type RunningDouble = { url: string; port: number; requests: DoubleRequest[]; close: () => Promise<void> };

export async function startHttpDouble(handler: DoubleHandler): Promise<RunningDouble> {
  const requests: DoubleRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://double");
      const request: DoubleRequest = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
      requests.push(request);
      try {
        const reply = await handler(request);
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(JSON.stringify(reply.body));
      } catch (error) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: (error as Error).message } }));
      }
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
