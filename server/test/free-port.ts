import { anyFreePort, isPortFree } from '../platform/db/embedded/ports.js';

// Ports for servers a test starts (a child Waymark, its PostgreSQL, a fake SMTP server). A port
// the system offers as free (listen on 0) comes from the ephemeral range, 32768–60999 on Linux, the
// same range the kernel takes the local port of every outgoing connection from: between the check
// and the child's listen, one of the run's many database connections could take it (CI saw
// "listen EADDRINUSE 127.0.0.1:36995"). Below that range no outgoing connection ever lands.

const LOW = 20_000;
const HIGH = 32_000; // below /proc/sys/net/ipv4/ip_local_port_range's start (32768)
const handedOut = new Set<number>();

/** A loopback port free now, below the ephemeral range, not handed out before in this process. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 500; tries++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (handedOut.has(port) || !(await isPortFree(port))) continue;
    handedOut.add(port);
    return port;
  }
  return anyFreePort();
}
