import { createHash, randomBytes } from 'node:crypto';
import { importJWK, type JSONWebKeySet, type JWK } from 'jose';
import { type Permission, ROLE_PERMISSIONS } from '../../../common/permissions.js';
import type { Role } from '../../../common/roles.js';
import type { SystemClient, SystemClientCreated, TSystemClientCreate } from '../../../common/system-clients.js';
import type { Scope } from '../../platform/access/scope.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Principal, SignedInContext } from '../../platform/context.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { AppError, notFound, validationError } from '../../platform/errors.js';
import { hashPassword } from '../../platform/passwords.js';
import { runUseCase } from '../../platform/use-case.js';
import { resolveOrganisation } from '../organisations/organisations.service.js';
import { toViews } from './system-client-views.js';
import * as repo from './system-clients.repository.js';

export type { SystemClientRow } from './system-clients.repository.js';

/** Tokens are kept by their SHA-256, like sessions. */
export const tokenIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A client acting for a practice may do, within its scopes, what a practice referrer may; one
 * acting for a PCN, what a member of the PCN's team may. Its scopes never add a permission the
 * role lacks, and its data scope is its organisation's, exactly as for a person there.
 */
export function ceilingRoleOf(client: Pick<repo.SystemClientRow, 'practiceId'>): Role {
  return client.practiceId ? 'referrer' : 'link_worker';
}

export function scopeOfClient(client: Pick<repo.SystemClientRow, 'icbId' | 'pcnId' | 'practiceId'>): Scope {
  return client.practiceId
    ? { kind: 'practice', icbId: client.icbId, pcnId: client.pcnId, practiceId: client.practiceId }
    : { kind: 'pcn', icbId: client.icbId, pcnId: client.pcnId };
}

export function clientPrincipal(client: repo.SystemClientRow, scopes: readonly string[]): Principal {
  const role = ceilingRoleOf(client);
  const permissions = (ROLE_PERMISSIONS[role] as readonly Permission[]).filter((p) => scopes.includes(p));
  return {
    userId: client.id,
    name: client.name,
    role,
    scope: scopeOfClient(client),
    permissions,
    systemClient: { id: client.id, name: client.name },
  };
}

/** The access hook's bearer path: the principal of a live token, or null. */
export async function authenticateBearer(db: DbOrTx, token: string): Promise<Principal | null> {
  const live = await repo.findLiveToken(db, tokenIdOf(token));
  return live ? clientPrincipal(live.client, live.scopes) : null;
}

/** Registered systems' names by id, for showing who acted (audit rows of role `system_client`). */
export async function systemClientNames(db: DbOrTx, ids: Iterable<string>): Promise<Map<string, string>> {
  const rows = await repo.findClientNames(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function listSystemClients(db: Db, ctx: SignedInContext): Promise<{ clients: SystemClient[] }> {
  return { clients: await toViews(db, await repo.findClientsInScope(db, ctx.actor.scope)) };
}

const PUBLIC_KEY_TYPES = new Set(['RSA', 'EC', 'OKP']);
// Members that only a private (or symmetric) key has: refused, so a private key is never stored.
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

/** The public keys in the JSON text (a JWKS or one JWK), or the reason it is not one. */
export async function parsePublicJwks(text: string): Promise<JSONWebKeySet | string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'must be JSON: a JWKS like {"keys": [ … ]} or one public JWK';
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(parsed)) return 'must be a JSON object: a JWKS like {"keys": [ … ]} or one public JWK';
  const keys = Array.isArray(parsed.keys) ? parsed.keys : 'kty' in parsed ? [parsed] : null;
  if (!keys || keys.length === 0) return 'must hold at least one key ("keys": [ … ])';
  if (keys.length > 10) return 'must hold at most 10 keys';
  for (const [i, key] of keys.entries()) {
    const where = keys.length > 1 ? `key ${i + 1} ` : '';
    if (!isObject(key)) return `${where}must be a JSON object (a JWK)`;
    if (typeof key.kty !== 'string' || !PUBLIC_KEY_TYPES.has(key.kty)) return `${where}must be an RSA, EC or OKP key`;
    if (PRIVATE_MEMBERS.some((m) => m in key)) {
      return `${where}is a private key: register only the public key (keep the private key in the system)`;
    }
    if (key.use !== undefined && key.use !== 'sig') return `${where}must be a signing key (use "sig")`;
    try {
      await importJWK(key as JWK, typeof key.alg === 'string' ? key.alg : key.kty === 'RSA' ? 'RS256' : undefined);
    } catch {
      return `${where}is not a valid public key`;
    }
  }
  return { keys: keys as JWK[] };
}

export async function registerSystemClient(
  db: Db,
  ctx: SignedInContext,
  input: TSystemClientCreate,
  tokenUrl: string,
): Promise<SystemClientCreated> {
  const { scope } = ctx.actor;
  const errors: { field: string; message: string }[] = [];
  const placement = await resolveOrganisation(db, input.organisationId);
  const inIcb = placement?.icbId === scope.icbId;
  if (!inIcb || !placement || (placement.ref.kind !== 'practice' && placement.ref.kind !== 'pcn')) {
    errors.push({ field: 'organisationId', message: 'must be a GP practice or PCN of your ICB' });
  } else if (placement.retired) {
    errors.push({ field: 'organisationId', message: 'has been retired: choose an organisation in use' });
  }
  let jwks: JSONWebKeySet | null = null;
  if (input.authMethod === 'private_key_jwt') {
    if (!input.jwks) errors.push({ field: 'jwks', message: 'is required for private_key_jwt: paste the public JWKS' });
    else {
      const parsed = await parsePublicJwks(input.jwks);
      if (typeof parsed === 'string') errors.push({ field: 'jwks', message: parsed });
      else jwks = parsed;
    }
  } else if (input.jwks) {
    errors.push({ field: 'jwks', message: 'is only for private_key_jwt: leave it out for a client secret' });
  }
  if (errors.length > 0 || !placement) throw validationError(errors);

  const secret = input.authMethod === 'client_secret' ? randomBytes(32).toString('base64url') : null;
  const secretHash = secret ? await hashPassword(secret) : null;
  const row = await runUseCase(db, ctx, async (tx, actor) => {
    const created = await repo.insertClient(tx, {
      name: input.name,
      icbId: placement.icbId,
      pcnId: placement.pcnId as string,
      practiceId: placement.practiceId,
      authMethod: input.authMethod,
      jwks,
      secretHash,
      scopes: input.scopes,
      createdBy: actor.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'system-client.register',
      entityType: 'system_client',
      entityId: created.id,
      details: { organisationId: input.organisationId, authMethod: input.authMethod, scopes: input.scopes },
    });
    return created;
  });
  const [view] = await toViews(db, [row]);
  return { ...(view as SystemClient), clientSecret: secret, tokenUrl };
}

export async function revokeSystemClient(db: Db, ctx: SignedInContext, id: string): Promise<SystemClient> {
  const row = await runUseCase(db, ctx, async (tx, actor) => {
    const revoked = await repo.revokeClient(tx, actor.scope, id, actor.userId);
    if (!revoked) {
      const existing = await repo.findClientInScope(tx, actor.scope, id);
      if (!existing) throw notFound('system client');
      throw new AppError('conflict', { userMessage: 'This system client has already been revoked.' });
    }
    await writeAudit(tx, ctx, { action: 'system-client.revoke', entityType: 'system_client', entityId: id });
    return revoked;
  });
  const [view] = await toViews(db, [row]);
  return view as SystemClient;
}

export {
  claimNextDueDelivery,
  findClientById,
  type GpMessageDeliveryRow,
  markDelivered,
  recordDeliveryFailure,
} from './system-clients.repository.js';
export {
  GP_MESSAGE_DELIVERY_QUEUED,
  listDeliveries,
  queueGpMessageDeliveries,
  removeWebhook,
  setWebhook,
} from './use-cases/webhooks.js';
export { guardedLookup, type WebhookPolicy } from './webhook-address.js';
/** The sweep's: bearer tokens expired more than a day ago. */
export const purgeExpiredSystemClientTokens = repo.deleteExpiredTokens;
