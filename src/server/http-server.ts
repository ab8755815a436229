/**
 * The HTTP server the gateway runs on, with the bounds that protect it from slow and numerous clients, and a drain
 * that ends it cleanly: on stop, idle keep-alive connections close at once, every response still to be sent says
 * `Connection: close`, and the server is done as soon as its last response has gone (or the drain time has passed).
 */
import http from 'node:http';

/** Bounds of the server. */
export interface HttpServerBounds {
  /** Time for a request's headers to arrive (server.headersTimeout). */
  headersTimeoutMs: number;
  /** Time for the whole request, headers and body, to arrive (server.requestTimeout); a trickling body is cut off. */
  bodyTimeoutMs: number;
  /** Connections open at once; more are refused as they arrive (server.maxConnections). */
  maxConnections: number;
}

/** A running server and its drain. */
export interface GatewayHttpServer {
  server: http.Server;
  /** Stops taking connections, finishes in-flight requests within `timeoutMs`, then resolves. */
  drain(timeoutMs: number): Promise<void>;
}

/** Creates the server around `handler` (the yoga instance). */
export function createGatewayHttpServer(handler: http.RequestListener, bounds: HttpServerBounds): GatewayHttpServer {
  let draining = false;
  const inFlight = new Set<http.ServerResponse>();
  const server = http.createServer({
    headersTimeout: bounds.headersTimeoutMs,
    requestTimeout: bounds.bodyTimeoutMs,
    // How often Node checks those two timeouts (30 s by default, longer than the timeouts themselves).
    connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(bounds.headersTimeoutMs / 2))),
  }, (req, res) => {
    if (draining) res.setHeader('connection', 'close');
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (draining) server.closeIdleConnections();
    });
    handler(req, res);
  });
  server.maxConnections = bounds.maxConnections;
  return {
    server,
    drain: (timeoutMs) => new Promise<void>((resolve) => {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    }),
  };
}
