import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { referralMessage } from '../server/modules/fhir/testing/referral-message.js';
import { icbs, pcns, practices } from '../server/modules/organisations/organisations.tables.js';
import { registerSystemClient } from '../server/modules/system-clients/system-clients.service.js';
import { connectDatabase } from '../server/platform/db/client.js';
import type { BenchCase } from './lib/bench-case.js';
import { statusSummary, type Timed } from './lib/http-load.js';
import { type LatencySummary, seededRandom, summarise } from './lib/stats.js';
import { insertSyntheticCaseWork } from './lib/synthetic-cases.js';

// The FHIR edge (issue 17): a GP practice's system sending BaRS-style referral messages to
// POST /fhir/R4/$process-message (messages/s, one client and 32), then searching its referrals as
// ServiceRequests (p50/p95 at 1 and 32 clients) among 20,000 cases of 12 other PCN teams, over
// real HTTP with a bearer token from /oauth2/token. The per-system rate limit is lifted here: it
// is what is measured, not the limit.

const BACKGROUND_CASES = 20_000;
const INTAKE_ONE = 150;
const INTAKE_MANY = 480;
const CLIENTS = 32;
const SEQUENTIAL = 100;
const CONCURRENT = 320;
const WARM_UP = 5;

interface Request {
  method?: 'GET' | 'POST';
  path: string;
  body?: string;
  extraHeaders?: Record<string, string>;
}

function timed(baseUrl: string, token: string, requests: Request[], clients: number): Promise<Timed> {
  const worker = new Worker(new URL('./lib/fhir-clients.worker.mjs', import.meta.url), {
    workerData: { baseUrl, headers: { authorization: `Bearer ${token}` }, requests, clients },
  });
  return new Promise<Timed>((resolve, reject) => {
    worker.once('message', (t: Timed) => resolve(t));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the bench clients' thread stopped with exit code ${code}`));
    });
  });
}

const bench: BenchCase = {
  name: 'FHIR intake and ServiceRequest search',
  async run({ url, log }) {
    const rand = seededRandom(20_261_206);
    const database = connectDatabase(url, CLIENTS + 4);
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      FHIR_RATE_LIMIT: '1000000',
      OAUTH_TOKEN_RATE_LIMIT: '1000',
      SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    });
    const built = await buildApp({ db: database.db, config, webRoot: '/nonexistent' });
    await built.app.listen({ host: '127.0.0.1', port: 0 });
    const baseUrl = `http://127.0.0.1:${(built.app.server.address() as AddressInfo).port}`;
    try {
      let t0 = performance.now();
      const [icb] = await database.db.insert(icbs).values({ code: 'QBF', name: 'Bench ICB' }).returning();
      const icbId = (icb as { id: string }).id;
      const work = await insertSyntheticCaseWork(database.pool, rand, icbId, {
        pcns: 12,
        workersPerPcn: 3,
        cases: BACKGROUND_CASES,
        years: 2,
      });
      const [pcn] = await database.db.insert(pcns).values({ icbId, code: 'U99001', name: 'Bench PCN' }).returning();
      const [practice] = await database.db
        .insert(practices)
        .values({ pcnId: (pcn as { id: string }).id, code: 'B99001', name: 'Bench Practice' })
        .returning();
      const practiceId = (practice as { id: string }).id;
      log(`synthetic data: ${work.cases.length} cases of 12 PCNs (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

      // The system, registered as an admin would (client secret), and its token.
      const { rows } = await database.pool.query<{ id: string }>('SELECT id FROM users LIMIT 1');
      const adminId = (rows[0] as { id: string }).id;
      const registered = await registerSystemClient(
        database.db,
        {
          actor: {
            userId: adminId,
            name: 'Bench admin',
            role: 'admin',
            scope: { kind: 'icb', icbId },
            permissions: ['systemclient.manage'],
          },
          ip: null,
          requestId: null,
        },
        {
          name: 'Bench GP system',
          organisationId: practiceId,
          authMethod: 'client_secret',
          scopes: ['referral.create', 'referral.read'],
        },
        `${config.publicUrl}/oauth2/token`,
      );
      const tokenRes = await fetch(`${baseUrl}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: registered.id,
          client_secret: registered.clientSecret as string,
        }),
      });
      const token = ((await tokenRes.json()) as { access_token: string }).access_token;

      const messages = (n: number): Request[] =>
        Array.from({ length: n }, () => ({
          method: 'POST',
          path: '/fhir/R4/$process-message',
          body: JSON.stringify(referralMessage({ ods: 'B99001' })),
          extraHeaders: { 'content-type': 'application/fhir+json', 'x-request-id': randomUUID() },
        }));
      const startedAt = new Date(Date.now() - 1000).toISOString();
      await timed(baseUrl, token, messages(WARM_UP), 1);
      const intakeOne = await timed(baseUrl, token, messages(INTAKE_ONE), 1);
      const intakeMany = await timed(baseUrl, token, messages(INTAKE_MANY), CLIENTS);

      const ids = (
        await database.pool.query<{ id: string }>('SELECT id FROM referrals WHERE practice_id = $1', [practiceId])
      ).rows.map((r) => r.id);
      t0 = performance.now();
      const searches: { label: string; at: (i: number) => string }[] = [
        { label: 'ServiceRequest?_count=20', at: () => '/fhir/R4/ServiceRequest?_count=20' },
        {
          label: 'ServiceRequest?identifier=…',
          at: (i) =>
            `/fhir/R4/ServiceRequest?identifier=${encodeURIComponent(`https://waymark.example/Id/referral|${ids[(i * 7919) % ids.length]}`)}`,
        },
        {
          label: 'ServiceRequest?status&_lastUpdated',
          at: () => `/fhir/R4/ServiceRequest?status=active&_lastUpdated=ge${encodeURIComponent(startedAt)}&_count=50`,
        },
        { label: 'Task/{id}', at: (i) => `/fhir/R4/Task/${ids[(i * 104_729) % ids.length]}` },
      ];
      const one: LatencySummary[] = [summarise('$process-message', intakeOne.samples)];
      const many: LatencySummary[] = [summarise('$process-message', intakeMany.samples)];
      const notes = [
        `intake: ${ids.length} referrals stored; HTTP ${statusSummary(intakeOne, intakeMany)}; ` +
          `${(INTAKE_ONE / intakeOne.seconds).toFixed(1)} messages/s from one client, ` +
          `${(INTAKE_MANY / intakeMany.seconds).toFixed(1)} messages/s from ${CLIENTS} clients`,
      ];
      for (const s of searches) {
        const gets = (n: number, offset: number): Request[] =>
          Array.from({ length: n }, (_, i) => ({ path: s.at(i + offset) }));
        await timed(baseUrl, token, gets(WARM_UP, 0), 1);
        const sequential = await timed(baseUrl, token, gets(SEQUENTIAL, WARM_UP), 1);
        const concurrent = await timed(baseUrl, token, gets(CONCURRENT, 1000), CLIENTS);
        one.push(summarise(s.label, sequential.samples));
        many.push(summarise(s.label, concurrent.samples));
        notes.push(
          `${s.label}: HTTP ${statusSummary(sequential, concurrent)}; ${(CONCURRENT / concurrent.seconds).toFixed(0)} requests/s at ${CLIENTS} clients`,
        );
      }
      return {
        tables: [
          {
            heading: `One client: ${INTAKE_ONE} messages, then ${SEQUENTIAL} of each search (after ${WARM_UP} warm-up)`,
            rows: one,
          },
          {
            heading: `${CLIENTS} concurrent clients: ${INTAKE_MANY} messages, then ${CONCURRENT} of each search`,
            rows: many,
          },
        ],
        notes,
      };
    } finally {
      await built.app.close();
      await database.close();
    }
  },
};

export default bench;
