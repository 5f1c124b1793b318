// The clients of one timed FHIR run (fhir.bench.ts), on a thread of their own, as
// http-clients.worker.mjs does for the web's GETs (see there for why node:http and a thread): here
// each request may be a POST with a body, and every request carries the system's bearer token.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { baseUrl, headers, requests, clients } = workerData;
const { hostname, port } = new URL(baseUrl);
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });

/** One request, the whole body read; resolves to the HTTP status. */
function send({ method = 'GET', path, body, extraHeaders = {} }) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { hostname, port, path, method, agent, headers: { ...headers, ...extraHeaders } },
      (response) => {
        response.on('data', () => {});
        response.on('end', () => resolve(response.statusCode));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const samples = [];
const statuses = {};
let next = 0;
await Promise.all(Array.from({ length: clients }, () => send({ path: '/healthz' })));
const started = performance.now();
await Promise.all(
  Array.from({ length: clients }, async () => {
    for (let i = next++; i < requests.length; i = next++) {
      const t0 = performance.now();
      const status = await send(requests[i]);
      samples.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }),
);
agent.destroy();
parentPort.postMessage({ samples, statuses, seconds: (performance.now() - started) / 1000 });
