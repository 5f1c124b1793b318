// The clients of one timed run (http-load.ts, timedGets), on a thread of their own: the app
// under test keeps its event loop to itself, as it would with browsers on other machines, and
// the clients' own work (requests, reading bodies, timing) never queues behind the app's.
// Plain JavaScript so that the thread starts without a TypeScript loader.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { baseUrl, cookie, urls, clients } = workerData;
const samples = [];
const statuses = {};
let next = 0;
// Each client opens its connection first (an untimed GET of /healthz), so the first timed
// request of a run pays no connection set-up.
await Promise.all(Array.from({ length: clients }, () => fetch(`${baseUrl}/healthz`).then((r) => r.arrayBuffer())));
const started = performance.now();
await Promise.all(
  Array.from({ length: clients }, async () => {
    for (let i = next++; i < urls.length; i = next++) {
      const t0 = performance.now();
      const res = await fetch(`${baseUrl}${urls[i]}`, { headers: { cookie } });
      await res.arrayBuffer();
      samples.push(performance.now() - t0);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  }),
);
parentPort.postMessage({ samples, statuses, seconds: (performance.now() - started) / 1000 });
