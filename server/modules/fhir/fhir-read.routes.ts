import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Permission } from '../../../common/permissions.js';
import { zText } from '../../../common/schemas/text.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { FHIR_JSON } from './fhir-terms.js';
import type { RawQuery } from './search-params.js';
import type { FhirResource, Searchset } from './searchset.js';
import {
  readDirectoryOrganization,
  readHealthcareService,
  readLocation,
  searchHealthcareServices,
} from './use-cases/read-directory.js';
import {
  type OutcomeResourceType,
  readCarePlan,
  readOutcomeResource,
  readPatient,
  searchCarePlans,
  searchOutcomeResources,
  searchPatients,
} from './use-cases/read-people.js';
import {
  type ReferralResourceType,
  readReferralResource,
  searchReferralResources,
} from './use-cases/read-referrals.js';

// Reading state over FHIR (issue 17 point 3): read and search of the resources the
// CapabilityStatement lists, each a thin route onto a use-case that finds the records through
// their own module's scoped lookups. Person data needs the permission the web's routes for the
// same data need (and a token with that scope); the directory is public, as /oruk is.

/** Requests per minute per client address to the public directory (as /oruk allows). */
const DIRECTORY_RATE_LIMIT_PER_MINUTE = 120;

const ZResource = z.looseObject({ resourceType: z.string() });
/** Search parameters are checked by name and shape in search-params.ts (a 400 naming the parameter). */
const ZSearchQuery = z.record(zText(100), z.union([zText(200), z.array(zText(200)).max(4)]));
const ZIdParam = z.object({ id: zText(64) });

/** `W/"3"` — the resource's meta.versionId, as FHIR's versioned reads use it. */
const etagOf = (resource: FhirResource) => {
  const version = (resource.meta as { versionId?: string } | undefined)?.versionId;
  return version ? `W/"${version}"` : undefined;
};

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((c) => c.trim() === '*' || c.trim().replace(/^W\//, '') === bare);
}

function sendResource(request: FastifyRequest, reply: FastifyReply, resource: FhirResource) {
  const etag = etagOf(resource);
  reply.type(FHIR_JSON).header('Cache-Control', 'no-store');
  const lastUpdated = (resource.meta as { lastUpdated?: string } | undefined)?.lastUpdated;
  if (lastUpdated) reply.header('Last-Modified', new Date(lastUpdated).toUTCString());
  if (etag) {
    reply.header('ETag', etag);
    if (matches(request.headers['if-none-match'], etag)) return reply.status(304).send();
  }
  return reply.send(resource);
}

const sendBundle = (reply: FastifyReply, bundle: Searchset) =>
  reply
    .type(FHIR_JSON)
    .header('Cache-Control', 'no-store')
    .send(bundle as unknown as z.infer<typeof ZResource>);

export function fhirReadRoutes(fhir: App, { db, config }: AppDeps, base: string): void {
  const baseUrl = `${config.publicUrl}${base}`;
  const systemRateLimit = {
    max: config.FHIR_RATE_LIMIT,
    timeWindow: '1 minute',
    keyGenerator: (request: FastifyRequest) => request.principal?.systemClient?.id ?? request.ip,
  };

  /** Read and search of a resource of person data, behind a permission (and the token's scope). */
  function personData(
    type: string,
    permission: Permission,
    read: (request: FastifyRequest, id: string) => Promise<FhirResource>,
    search: (request: FastifyRequest, query: RawQuery) => Promise<Searchset>,
  ) {
    const config = { access: { permission }, rateLimit: systemRateLimit };
    fhir.get(
      `${base}/${type}`,
      {
        schema: { querystring: ZSearchQuery, response: { 200: ZResource }, tags: ['fhir'], summary: `Search ${type}` },
        config,
      },
      async (request, reply) => sendBundle(reply, await search(request, request.query)),
    );
    fhir.get(
      `${base}/${type}/:id`,
      {
        schema: { params: ZIdParam, response: { 200: ZResource }, tags: ['fhir'], summary: `Read a ${type}` },
        config,
      },
      async (request, reply) => sendResource(request, reply, await read(request, request.params.id)),
    );
  }

  for (const type of ['ServiceRequest', 'Task'] as ReferralResourceType[]) {
    personData(
      type,
      'referral.read',
      (request, id) => readReferralResource(db, signedInContext(request), type, id),
      (request, query) => searchReferralResources(db, signedInContext(request), type, query, baseUrl),
    );
  }
  personData(
    'Patient',
    'referral.read',
    (request, id) => readPatient(db, signedInContext(request), id),
    (request, query) => searchPatients(db, signedInContext(request), query, baseUrl),
  );
  personData(
    'CarePlan',
    'careplan.read',
    (request, id) => readCarePlan(db, signedInContext(request), id),
    (request, query) => searchCarePlans(db, signedInContext(request), query, baseUrl),
  );
  for (const type of ['Observation', 'QuestionnaireResponse'] as OutcomeResourceType[]) {
    personData(
      type,
      'outcome.read',
      (request, id) => readOutcomeResource(db, signedInContext(request), type, id),
      (request, query) => searchOutcomeResources(db, signedInContext(request), type, query, baseUrl),
    );
  }

  // The directory: public, like /oruk, and limited per client address as /oruk is.
  const publicConfig = {
    access: { public: true as const },
    rateLimit: { max: DIRECTORY_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' },
  };
  fhir.get(
    `${base}/HealthcareService`,
    {
      schema: {
        querystring: ZSearchQuery,
        response: { 200: ZResource },
        tags: ['fhir'],
        summary: 'Search the directory',
      },
      config: publicConfig,
    },
    async (request, reply) => sendBundle(reply, await searchHealthcareServices(db, request.query, baseUrl)),
  );
  const directoryReads: [string, (id: string) => Promise<FhirResource>][] = [
    ['HealthcareService', (id) => readHealthcareService(db, id)],
    ['Organization', (id) => readDirectoryOrganization(db, id)],
    ['Location', (id) => readLocation(db, id)],
  ];
  for (const [type, read] of directoryReads) {
    fhir.get(
      `${base}/${type}/:id`,
      {
        schema: { params: ZIdParam, response: { 200: ZResource }, tags: ['fhir'], summary: `Read a directory ${type}` },
        config: publicConfig,
      },
      async (request, reply) => sendResource(request, reply, await read(request.params.id)),
    );
  }
}
