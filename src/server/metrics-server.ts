/**
 * /metrics on a port of its own (GATEWAY_METRICS_PORT), so that a scraper reaches it on an internal network while the
 * main port faces clients. It answers nothing but `GET /metrics`, behind GATEWAY_METRICS_TOKEN when one is set.
 */
import http from 'node:http';
import type { GatewayMetrics } from './metrics.js';
import { METRICS_PATH, scrapeHandler } from './plugins/use-metrics.js';

/** Starts the server on `port` (0: one the OS picks) and `host`. */
export async function startMetricsServer(metrics: GatewayMetrics, options: { port: number; host: string; token?: string }): Promise<http.Server> {
  // The same request handling as the main port's, in token or open mode, so the two cannot drift apart.
  const scrape = scrapeHandler(metrics, options.token ? { mode: 'token', token: options.token } : { mode: 'open' });
  const server = http.createServer({ headersTimeout: 5_000, requestTimeout: 10_000 }, (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://metrics');
      let answer: Response = new Response('not found; this port serves GET /metrics\n', { status: 404 });
      if (url.pathname === METRICS_PATH) {
        const authorization = req.headers.authorization;
        answer = await scrape(new Request(url, { method: req.method ?? 'GET', headers: authorization ? { authorization } : {} }));
      }
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.maxConnections = 64;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}
