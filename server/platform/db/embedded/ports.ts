import { createServer } from 'node:net';

// The embedded PostgreSQL listens on loopback only. Two Waymarks on one machine (a developer's
// and a demo copy) would both want the default port: the second takes the next free one.

export const DEFAULT_EMBEDDED_PG_PORT = 54329;
const NEARBY = 20;

/** Whether 127.0.0.1:port can be bound now (PostgreSQL binds exactly that). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The preferred port when free, else the next free one after it, else any the system offers. */
export async function choosePort(preferred: number, avoid: ReadonlySet<number> = new Set()): Promise<number> {
  for (let port = preferred; port < preferred + NEARBY && port <= 65535; port++) {
    if (!avoid.has(port) && (await isPortFree(port))) return port;
  }
  return anyFreePort();
}

/** A loopback port the system offers as free now. */
export function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
