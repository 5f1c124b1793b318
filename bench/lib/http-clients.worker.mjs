// The clients of one timed run (http-load.ts, timedGets), on a thread of their own: the app
// under test keeps its event loop to itself, as it would with browsers on other machines, and
// the clients' own work (requests, reading bodies, timing) never queues behind the app's.
// Plain JavaScript so that the thread starts without a TypeScript loader.
//
// node:http with a keep-alive agent rather than fetch(): on this 2-core machine the clients
// share the cores with the app and PostgreSQL, and fetch() costs about twice the CPU per
// request (a bare node:http server answered 32 fetch() clients at ~1,600 requests/s, p95 35 ms;
// the same server and node:http clients at 3,500–5,600 requests/s, p95 11–20 ms). What the
// clients spend is taken from the app, so the cheaper client measures the app more truly.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { baseUrl, cookie, urls, clients } = workerData;
const { hostname, port } = new URL(baseUrl);
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const headers = cookie ? { cookie } : {};

/** One GET, the whole body read; resolves to the HTTP status. */
function get(path) {
  return new Promise((resolve, reject) => {
    const request = http.get({ hostname, port, path, agent, headers }, (response) => {
      response.on('data', () => {});
      response.on('end', () => resolve(response.statusCode));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

const samples = [];
const statuses = {};
let next = 0;
// Each client opens its connection first (an untimed GET of /healthz), so the first timed
// request of a run pays no connection set-up.
await Promise.all(Array.from({ length: clients }, () => get('/healthz')));
const started = performance.now();
await Promise.all(
  Array.from({ length: clients }, async () => {
    for (let i = next++; i < urls.length; i = next++) {
      const t0 = performance.now();
      const status = await get(urls[i]);
      samples.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }),
);
agent.destroy();
parentPort.postMessage({ samples, statuses, seconds: (performance.now() - started) / 1000 });
