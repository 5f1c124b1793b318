import { randomBytes } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import { SYSTEM_CLIENT_SCOPES } from '../../../../common/permissions.js';
import { SYSTEM_CLIENT_ACTOR_ROLE, writeAudit, writeAuditAlone } from '../../../platform/audit/audit.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { verifyPassword } from '../../../platform/passwords.js';
import * as repo from '../system-clients.repository.js';
import { tokenIdOf } from '../system-clients.service.js';

// OAuth 2.0 client credentials (RFC 6749 §4.4) at POST /oauth2/token. The client authenticates
// with a JWT it signs with its private key (private_key_jwt, RFC 7523 §2.2 / OIDC Core §9) —
// verified against the public JWKS registered for it, never fetched — or with its secret (HTTP
// Basic or in the body). It gets an opaque bearer token, kept only by its SHA-256.

export const TOKEN_LIFETIME_SECONDS = 600;
/** An assertion must expire within this long of now: a stolen one is good briefly, and only once. */
export const ASSERTION_MAX_LIFETIME_SECONDS = 300;
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
// Asymmetric algorithms only: an HMAC "assertion" would need the secret Waymark does not keep.
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'unsupported_grant_type';

/** An error answered as RFC 6749 §5.2 says: `{ error, error_description }`, 401 for the client. */
export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    /** The client tried with HTTP Basic: a 401 then names the scheme (RFC 6749 §5.2). */
    readonly basic = false,
  ) {
    super(description);
  }
  get status(): number {
    return this.error === 'invalid_client' ? 401 : 400;
  }
}

export interface TokenRequest {
  grant_type?: string;
  scope?: string;
  client_id?: string;
  client_secret?: string;
  client_assertion_type?: string;
  client_assertion?: string;
}

export interface TokenAnswer {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

interface Credentials {
  clientId: string;
  basic: boolean;
}

/** `Authorization: Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1), or null. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const match = header ? /^Basic +([A-Za-z0-9+/]+=*)$/i.exec(header.trim()) : null;
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    return null;
  }
}

const unknownClient = (basic: boolean) =>
  new OAuthError('invalid_client', 'The client is not known, has been revoked or did not prove who it is.', basic);

async function findUsableClient(clientId: string, db: Db, basic: boolean, method: repo.SystemClientRow['authMethod']) {
  const client = UUID.test(clientId) ? await repo.findClientById(db, clientId) : null;
  if (!client || client.revokedAt) throw unknownClient(basic);
  if (client.authMethod !== method) {
    throw new OAuthError(
      'invalid_client',
      `This client is registered to authenticate with ${client.authMethod === 'private_key_jwt' ? 'a signed JWT (private_key_jwt)' : 'its client secret'}.`,
      basic,
    );
  }
  return client;
}

/** Who the client is, proved by the request's assertion or secret; throws invalid_client otherwise. */
async function authenticateClient(
  db: Db,
  body: TokenRequest,
  authorization: string | undefined,
  tokenUrl: string,
): Promise<{ client: repo.SystemClientRow; via: string } & Credentials> {
  const basic = basicCredentials(authorization);
  const methods = [basic, body.client_secret, body.client_assertion].filter((m) => m !== undefined && m !== null);
  if (methods.length > 1) {
    throw new OAuthError('invalid_request', 'Use one way of authenticating the client, not several.');
  }
  if (body.client_assertion !== undefined) {
    if (body.client_assertion_type !== JWT_BEARER) {
      throw new OAuthError('invalid_request', `client_assertion_type must be ${JWT_BEARER}.`);
    }
    let claims: ReturnType<typeof decodeJwt>;
    try {
      claims = decodeJwt(body.client_assertion);
    } catch {
      throw new OAuthError('invalid_client', 'client_assertion is not a JWT.');
    }
    const clientId = body.client_id ?? claims.sub ?? '';
    if (body.client_id !== undefined && claims.sub !== body.client_id) {
      throw new OAuthError('invalid_client', 'The assertion is not about this client_id (sub must be the client_id).');
    }
    const client = await findUsableClient(clientId, db, false, 'private_key_jwt');
    let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
    try {
      ({ payload } = await jwtVerify(body.client_assertion, createLocalJWKSet(client.jwks ?? { keys: [] }), {
        issuer: client.id,
        subject: client.id,
        audience: tokenUrl,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'jti'],
        clockTolerance: 30,
      }));
    } catch (err) {
      throw new OAuthError('invalid_client', assertionProblem(err, tokenUrl));
    }
    const exp = payload.exp as number;
    if (exp - Date.now() / 1000 > ASSERTION_MAX_LIFETIME_SECONDS) {
      throw new OAuthError(
        'invalid_client',
        `The assertion's exp must be at most ${ASSERTION_MAX_LIFETIME_SECONDS} seconds from now.`,
      );
    }
    if (!(await repo.spendAssertion(db, client.id, String(payload.jti), new Date(exp * 1000)))) {
      throw new OAuthError('invalid_client', 'This assertion (its jti) has already been used: sign a new one.');
    }
    return { client, clientId: client.id, basic: false, via: 'private_key_jwt' };
  }
  const secretGiven =
    basic ?? (body.client_secret !== undefined ? { id: body.client_id ?? '', secret: body.client_secret } : null);
  if (!secretGiven) {
    throw new OAuthError(
      'invalid_client',
      'Authenticate the client: a client_assertion (private_key_jwt), or the client secret by HTTP Basic or client_secret.',
    );
  }
  if (basic && body.client_id !== undefined && body.client_id !== basic.id) {
    throw new OAuthError('invalid_request', 'client_id differs from the one in the Authorization header.');
  }
  const client = await findUsableClient(secretGiven.id, db, !!basic, 'client_secret');
  if (!client.secretHash || !(await verifyPassword(client.secretHash, secretGiven.secret)))
    throw unknownClient(!!basic);
  return { client, clientId: client.id, basic: !!basic, via: basic ? 'client_secret_basic' : 'client_secret_post' };
}

function assertionProblem(err: unknown, tokenUrl: string): string {
  if (err instanceof joseErrors.JWTExpired) return 'The assertion has expired (exp): sign a new one.';
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') return `The assertion's aud must be the token endpoint, ${tokenUrl}.`;
    if (err.claim === 'iss' || err.claim === 'sub') return "The assertion's iss and sub must both be the client_id.";
    return `The assertion's ${err.claim} claim is missing or not valid.`;
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JWKSNoMatchingKey) {
    return 'The assertion is not signed by a key registered for this client.';
  }
  if (err instanceof joseErrors.JOSEAlgNotAllowed)
    return `The assertion must be signed with one of: ${ALGORITHMS.join(', ')}.`;
  return 'The assertion could not be verified.';
}

/**
 * Issues a bearer token to an authenticated client, with the scopes asked for (all its registered
 * scopes when none are asked for). Every attempt is audited: an issued token with the client's id,
 * a refusal with the reason (and the client's id when it names a registered client).
 */
export async function issueToken(
  db: Db,
  ctx: RequestContext,
  input: { body: TokenRequest; authorization: string | undefined; tokenUrl: string },
): Promise<TokenAnswer> {
  const { body } = input;
  let claimed: repo.SystemClientRow | null = null;
  try {
    if (body.grant_type === undefined) throw new OAuthError('invalid_request', 'grant_type is required.');
    if (body.grant_type !== 'client_credentials') {
      throw new OAuthError('unsupported_grant_type', 'Only grant_type client_credentials is supported.');
    }
    const { client, via } = await authenticateClient(db, body, input.authorization, input.tokenUrl);
    claimed = client;
    const asked = body.scope?.split(' ').filter(Boolean) ?? client.scopes;
    const unknown = asked.filter((s) => !client.scopes.includes(s));
    if (unknown.length > 0 || asked.length === 0) {
      const allowed = client.scopes.filter((s) => (SYSTEM_CLIENT_SCOPES as readonly string[]).includes(s));
      throw new OAuthError(
        'invalid_scope',
        asked.length === 0
          ? 'scope must name at least one scope.'
          : `This client may not have: ${unknown.join(', ')}. Its scopes are: ${allowed.join(', ')}.`,
      );
    }
    const scopes = [...new Set(asked)];
    const token = randomBytes(32).toString('base64url');
    await db.transaction(async (tx) => {
      await repo.insertToken(tx, {
        id: tokenIdOf(token),
        clientId: client.id,
        scopes,
        expiresAt: new Date(Date.now() + TOKEN_LIFETIME_SECONDS * 1000),
      });
      await writeAudit(tx, ctx, {
        action: 'system-client.token',
        entityType: 'system_client',
        entityId: client.id,
        actorUserId: client.id,
        actorRole: SYSTEM_CLIENT_ACTOR_ROLE,
        icbId: client.icbId,
        details: { systemClientId: client.id, via, scopes },
      });
    });
    return { access_token: token, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, scope: scopes.join(' ') };
  } catch (err) {
    if (err instanceof OAuthError) {
      const client = claimed ?? (await registeredClientNamed(db, body, input.authorization));
      await writeAuditAlone(db, ctx, {
        action: 'system-client.token',
        outcome: 'denied',
        entityType: 'system_client',
        entityId: client?.id ?? undefined,
        actorUserId: client?.id ?? null,
        actorRole: SYSTEM_CLIENT_ACTOR_ROLE,
        icbId: client?.icbId ?? null,
        details: { error: err.error },
      });
    }
    throw err;
  }
}

/** The registered client a refused request named, if any (for the refusal's audit row). */
async function registeredClientNamed(db: Db, body: TokenRequest, authorization: string | undefined) {
  let id = body.client_id ?? basicCredentials(authorization)?.id;
  if (!id && body.client_assertion) {
    try {
      id = decodeJwt(body.client_assertion).sub;
    } catch {
      id = undefined;
    }
  }
  return id && UUID.test(id) ? repo.findClientById(db, id) : null;
}
