import { z } from 'zod';
import { ZOrganisationRef } from './api-types.js';
import { SYSTEM_CLIENT_SCOPES } from './permissions.js';
import { zText } from './schemas/text.js';

// Systems that talk to Waymark over FHIR (GP system integrations, other NHS services): what the
// admin registers, and what the admin page shows. Shared by the API's schemas and the page.

export const SYSTEM_CLIENT_AUTH_METHODS = ['private_key_jwt', 'client_secret'] as const;
export type SystemClientAuthMethod = (typeof SYSTEM_CLIENT_AUTH_METHODS)[number];

export const AUTH_METHOD_LABELS = {
  private_key_jwt:
    'The system signs each token request with its private key; Waymark checks it with the public key you paste. Nothing secret is stored here.',
  client_secret: 'Waymark makes a secret, shown once. Use it only for a system that cannot sign.',
} as const satisfies Record<SystemClientAuthMethod, string>;

export const SCOPE_LABELS = {
  'referral.create': 'Send referrals (and withdraw them before allocation)',
  'referral.read': "Read the status of the organisation's referrals",
  'gpmessage.read': 'Read the message back after discharge',
  'careplan.read': "Read the PCN team's personalised care and support plans (systems acting for a PCN only)",
  'outcome.read': "Read the PCN team's outcome measures (systems acting for a PCN only)",
} as const satisfies Record<(typeof SYSTEM_CLIENT_SCOPES)[number], string>;

export const SYSTEM_CLIENT_NAME_MAX = 120;
/** A JWKS of a few public keys fits easily; a private key pasted by mistake is refused by content. */
export const JWKS_MAX = 20_000;

export const ZSystemClientCreate = z.object({
  name: zText(SYSTEM_CLIENT_NAME_MAX, { error: 'is required' }).min(1, 'is required'),
  organisationId: zText(40, { error: 'is required' }).pipe(z.uuid('must be the id of a GP practice or PCN')),
  authMethod: z.enum(SYSTEM_CLIENT_AUTH_METHODS, {
    message: `must be one of: ${SYSTEM_CLIENT_AUTH_METHODS.join(', ')}`,
  }),
  /** For private_key_jwt: the public JWKS ({"keys": [...]}) or one public JWK, as JSON text. */
  jwks: zText(JWKS_MAX, { multiline: true, error: 'must be JSON text' }).optional(),
  scopes: z
    .array(z.enum(SYSTEM_CLIENT_SCOPES, { message: `must each be one of: ${SYSTEM_CLIENT_SCOPES.join(', ')}` }), {
      error: 'must be a list of scopes',
    })
    .min(1, 'must include at least one scope')
    .max(SYSTEM_CLIENT_SCOPES.length)
    .transform((s) => [...new Set(s)]),
});
export type TSystemClientCreate = z.infer<typeof ZSystemClientCreate>;

export const ZSystemClient = z.object({
  id: z.string(),
  name: z.string(),
  organisation: ZOrganisationRef,
  authMethod: z.enum(SYSTEM_CLIENT_AUTH_METHODS),
  /** The key ids (kid) of the registered public keys (private_key_jwt). */
  keyIds: z.array(z.string()),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  /** Where the message back is pushed (signed), when the admin has set a webhook. */
  webhookUrl: z.string().nullable(),
  webhookSetAt: z.string().nullable(),
});
export type SystemClient = z.infer<typeof ZSystemClient>;

export const ZSystemClientList = z.object({ clients: z.array(ZSystemClient) });
export type SystemClientList = z.infer<typeof ZSystemClientList>;

/** The answer to registering: the client, and its secret — shown this once, kept only as a hash. */
export const ZSystemClientCreated = ZSystemClient.extend({
  clientSecret: z.string().nullable(),
  tokenUrl: z.string(),
});
export type SystemClientCreated = z.infer<typeof ZSystemClientCreated>;

// The message back pushed to a webhook (issue 17 point 4): set by the admin, signed per body.

/** The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const WEBHOOK_SIGNATURE_HEADER = 'Waymark-Signature';
/** The delivery's id, the same on every retry: a receiver drops a second copy by it. */
export const WEBHOOK_DELIVERY_HEADER = 'Waymark-Delivery';
export const WEBHOOK_URL_MAX = 2000;

export const ZWebhookSet = z.object({
  url: zText(WEBHOOK_URL_MAX, { error: 'is required' }).min(1, 'is required'),
});
export type TWebhookSet = z.infer<typeof ZWebhookSet>;

/** The answer to setting a webhook: the client, and the signing secret — shown this once. */
export const ZWebhookSetAnswer = ZSystemClient.extend({ webhookSecret: z.string() });
export type WebhookSetAnswer = z.infer<typeof ZWebhookSetAnswer>;

export const ZGpMessageDelivery = z.object({
  id: z.string(),
  gpMessageId: z.string(),
  status: z.enum(['pending', 'delivered']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type GpMessageDelivery = z.infer<typeof ZGpMessageDelivery>;
export const ZGpMessageDeliveryList = z.object({ deliveries: z.array(ZGpMessageDelivery) });
export type GpMessageDeliveryList = z.infer<typeof ZGpMessageDeliveryList>;
