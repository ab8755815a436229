/**
 * A loopback port that was free a moment ago, for servers that cannot be told to take port 0 and report it
 * (Prometheus, redis-server). It may be taken before they bind it: their helpers try again with another.
 */
import { createServer, type AddressInfo } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
