import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db, Tx } from '../../../platform/db/client.js';
import { AppError, type FieldError } from '../../../platform/errors.js';
import { nothingChanged, runUseCase } from '../../../platform/use-case.js';
import { organisationRefs, practiceIdByOdsCode } from '../../organisations/organisations.service.js';
import * as referrals from '../../referrals/referrals.service.js';
import { type ReferralMessage, readReferralMessage } from '../bundle-to-referral.js';
import { fhirServiceRequests } from '../fhir.tables.js';
import { BARS_EVENTS_SYSTEM, EVENT_RESPONSE, NHS_NUMBER_SYSTEM, WAYMARK_REFERRAL_SYSTEM } from '../fhir-terms.js';
import { FhirError, type Issue } from '../operation-outcome.js';

// POST /fhir/R4/$process-message: a BaRS-style referral message onto Waymark's referral intake
// (the same validation, person matching and PCN queue as the web form), or the sender cancelling
// a referral it sent (ServiceRequest.status `revoked`, as BaRS cancels) onto withdrawing it.
// Idempotent by X-Request-ID and by Bundle.id, through the intake's own idempotency store: a retry
// of either is answered with the first answer; either one again with another body is refused (422).

const OPERATION = 'POST /fhir/R4/$process-message';

interface Claim {
  owner: string;
  key: string;
  requestHash: string;
  /** What the key came from, named in a refusal. */
  names: 'X-Request-ID' | 'Bundle.id';
}

export interface ProcessAnswer {
  status: number;
  body: unknown;
  replayed: boolean;
}

export async function processMessage(
  db: Db,
  ctx: SignedInContext,
  input: { bundle: unknown; requestId: string; baseUrl: string },
): Promise<ProcessAnswer> {
  const client = ctx.actor.systemClient;
  if (!client) throw new AppError('forbidden', { userMessage: 'Only registered systems send FHIR messages.' });
  const message = readReferralMessage(input.bundle);
  const hash = referrals.requestHash(OPERATION, input.bundle);
  const owner = `system-client:${client.id}`;
  const claims: Claim[] = [
    { owner, key: `X-Request-ID:${input.requestId}`, requestHash: hash, names: 'X-Request-ID' },
    { owner, key: `Bundle.id:${message.bundleId}`, requestHash: hash, names: 'Bundle.id' },
  ];
  const earlier = await firstAnswer(claims, (c) => referrals.storedAnswer(db, c));
  if (earlier) return { ...earlier, replayed: true };

  if (message.kind === 'revoke') return revoke(db, ctx, message, claims, input.baseUrl);

  const body = { ...message.body, ...(await placementFields(db, ctx, message)) };
  let validated: Awaited<ReturnType<typeof referrals.validateReferral>>;
  try {
    validated = await referrals.validateReferral(db, ctx.actor, body);
  } catch (err) {
    throw asFhirError(err, message);
  }
  try {
    return await runUseCase(db, ctx, async (tx): Promise<ProcessAnswer> => {
      const replay = await firstAnswer(claims, (c) => referrals.claimKey(tx, c));
      if (replay) return nothingChanged(tx, { ...replay, replayed: true });
      const row = await referrals.storeReferral(tx, ctx, validated.referral, validated.placement, message.referrer);
      await tx.insert(fhirServiceRequests).values({
        clientId: client.id,
        serviceRequestId: message.serviceRequestId,
        referralId: row.id,
        bundleId: message.bundleId,
      });
      const answer = { status: 200, body: responseMessage(message, row, input.baseUrl), replayed: false };
      for (const { names: _, ...claim } of claims) {
        await referrals.saveAnswer(tx, claim, { status: answer.status, body: answer.body });
      }
      return answer;
    });
  } catch (err) {
    if (isDuplicateServiceRequest(err)) {
      throw new FhirError(409, [
        {
          code: 'duplicate',
          expression: 'Bundle.entry.resource.ofType(ServiceRequest).id',
          diagnostics: `A referral with ServiceRequest id ${message.serviceRequestId} was already received from this system: give a new referral a new id.`,
        },
      ]);
    }
    throw asFhirError(err, message);
  }
}

async function revoke(
  db: Db,
  ctx: SignedInContext,
  message: ReferralMessage,
  claims: Claim[],
  baseUrl: string,
): Promise<ProcessAnswer> {
  const client = ctx.actor.systemClient as { id: string };
  try {
    return await runUseCase(db, ctx, async (tx): Promise<ProcessAnswer> => {
      const replay = await firstAnswer(claims, (c) => referrals.claimKey(tx, c));
      if (replay) return nothingChanged(tx, { ...replay, replayed: true });
      const referralId = message.waymarkReferralId ?? (await sentReferralId(tx, client.id, message.serviceRequestId));
      if (!referralId || !/^[0-9a-f-]{36}$/i.test(referralId)) throw notFoundIssue(message);
      const row = await referrals.withdrawReferral(tx, ctx, referralId);
      const answer = { status: 200, body: responseMessage(message, row, baseUrl), replayed: false };
      for (const { names: _, ...claim } of claims) {
        await referrals.saveAnswer(tx, claim, { status: answer.status, body: answer.body });
      }
      return answer;
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw notFoundIssue(message);
    throw asFhirError(err, message);
  }
}

const notFoundIssue = (message: ReferralMessage) =>
  new FhirError(404, [
    {
      code: 'not-found',
      expression: 'Bundle.entry.resource.ofType(ServiceRequest)',
      diagnostics: `No referral of yours matches ServiceRequest ${message.waymarkReferralId ?? message.serviceRequestId}.`,
    },
  ]);

async function sentReferralId(tx: Tx, clientId: string, serviceRequestId: string): Promise<string | null> {
  const [row] = await tx
    .select({ referralId: fhirServiceRequests.referralId })
    .from(fhirServiceRequests)
    .where(and(eq(fhirServiceRequests.clientId, clientId), eq(fhirServiceRequests.serviceRequestId, serviceRequestId)));
  return row?.referralId ?? null;
}

/** The first stored answer among the claims; a claim's key reused with another body is a 422. */
async function firstAnswer(
  claims: Claim[],
  lookUp: (claim: Omit<Claim, 'names'>) => Promise<referrals.StoredAnswer | null>,
): Promise<referrals.StoredAnswer | null> {
  for (const claim of claims) {
    try {
      const { names: _, ...key } = claim;
      const answer = await lookUp(key);
      if (answer) return answer;
    } catch (err) {
      if (err instanceof AppError && err.code === 'unprocessable') {
        const names = claim.names;
        throw new FhirError(422, [
          {
            code: 'business-rule',
            expression: names === 'Bundle.id' ? 'Bundle.id' : undefined,
            diagnostics: `This ${names} was already used for a different message. A retry must send the same message; a new message needs a new ${names}.`,
          },
        ]);
      }
      throw err;
    }
  }
  return null;
}

/**
 * Where the referral goes: a client acting for a practice refers into its own practice (a
 * requester naming another practice is refused); one acting for a PCN names the practice by its
 * ODS code, which the intake then checks is in the PCN.
 */
async function placementFields(db: Db, ctx: SignedInContext, message: ReferralMessage) {
  const { scope } = ctx.actor;
  if (scope.kind === 'practice') {
    if (message.requesterOdsCode) {
      const own = (await organisationRefs(db, [scope.practiceId])).get(scope.practiceId);
      if (own?.code && own.code !== message.requesterOdsCode) {
        throw new FhirError(400, [
          {
            code: 'business-rule',
            expression: message.requesterOdsPath,
            diagnostics: `must be ${own.code}: this system refers for that practice only`,
          },
        ]);
      }
    }
    return {};
  }
  const code = message.requesterOdsCode;
  const practiceId = code ? await practiceIdByOdsCode(db, code) : null;
  if (!practiceId) {
    throw new FhirError(400, [
      {
        code: code ? 'value' : 'required',
        expression: message.requesterOdsPath,
        diagnostics: code
          ? `${code} is not the ODS code of a GP practice in this PCN`
          : 'is required: the ODS code of the referring GP practice (the requester Organization)',
      },
    ]);
  }
  return { practiceId };
}

function isDuplicateServiceRequest(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const pg = e as { code?: string; constraint?: string };
    if (pg.code === '23505' && pg.constraint === 'fhir_service_requests_client_id_service_request_id_pk') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

const lastElement = (path: string) =>
  path
    .replace(/\[\d+\]/g, '')
    .split('.')
    .pop() ?? path;

/** The intake's refusals in FHIR's words: each field error at the element it came from. */
function asFhirError(err: unknown, message: ReferralMessage): unknown {
  if (err instanceof FhirError || !(err instanceof AppError)) return err;
  const fieldIssue = (e: FieldError): Issue => {
    const path = message.paths.get(e.field) ?? message.paths.get(e.field.split('.').slice(0, 2).join('.'));
    return {
      code: e.message.startsWith('is required') ? 'required' : 'value',
      expression: path ?? 'Bundle',
      diagnostics: `${path ? lastElement(path) : e.field} ${e.message}`,
    };
  };
  const serviceRequest = 'Bundle.entry.resource.ofType(ServiceRequest)';
  switch (err.code) {
    case 'validation':
      return new FhirError(
        400,
        (err.details.errors ?? [{ field: 'Bundle', message: err.userMessage }]).map(fieldIssue),
      );
    case 'conflict':
      return new FhirError(409, [{ code: 'conflict', expression: serviceRequest, diagnostics: err.userMessage }]);
    case 'forbidden':
      return new FhirError(403, [{ code: 'forbidden', diagnostics: err.userMessage }]);
    case 'not_found':
      return new FhirError(404, [{ code: 'not-found', expression: serviceRequest, diagnostics: err.userMessage }]);
    default:
      return err;
  }
}

/** The answer: a `servicerequest-response` message with the ServiceRequest as Waymark holds it. */
function responseMessage(message: ReferralMessage, row: referrals.ReferralRow, baseUrl: string) {
  const headerId = randomUUID();
  const serviceRequestUrl = `${baseUrl}/ServiceRequest/${row.id}`;
  const nhsNumber = row.personDetails.nhsNumber;
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { lastUpdated: row.updatedAt.toISOString() },
    type: 'message',
    timestamp: new Date().toISOString(),
    entry: [
      {
        fullUrl: `urn:uuid:${headerId}`,
        resource: {
          resourceType: 'MessageHeader',
          id: headerId,
          eventCoding: { system: BARS_EVENTS_SYSTEM, code: EVENT_RESPONSE },
          source: { endpoint: baseUrl, software: 'Waymark' },
          response: { identifier: message.messageHeaderId, code: 'ok' },
          focus: [{ reference: serviceRequestUrl }],
        },
      },
      {
        fullUrl: serviceRequestUrl,
        resource: {
          resourceType: 'ServiceRequest',
          id: row.id,
          meta: { versionId: String(row.version), lastUpdated: row.updatedAt.toISOString() },
          // Waymark's id, and the sender's own id of the ServiceRequest it sent.
          identifier: [{ system: WAYMARK_REFERRAL_SYSTEM, value: row.id }, { value: message.serviceRequestId }],
          status: row.status === 'declined' || row.status === 'redirected' ? 'revoked' : 'active',
          intent: 'order',
          subject: nhsNumber
            ? { identifier: { system: NHS_NUMBER_SYSTEM, value: nhsNumber } }
            : { display: `${row.personDetails.givenName} ${row.personDetails.familyName}` },
          authoredOn: row.receivedAt.toISOString(),
        },
      },
    ],
  };
}
