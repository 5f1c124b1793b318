import type { SystemClient } from '../../../common/system-clients.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { organisationRefs } from '../organisations/organisations.service.js';
import type * as repo from './system-clients.repository.js';

/** The clients as the admin page shows them (never a secret or its hash). */
export async function toViews(db: DbOrTx, rows: repo.SystemClientRow[]): Promise<SystemClient[]> {
  const refs = await organisationRefs(
    db,
    rows.map((r) => r.practiceId ?? r.pcnId),
  );
  return rows.map((r) => {
    const orgId = r.practiceId ?? r.pcnId;
    return {
      id: r.id,
      name: r.name,
      organisation: refs.get(orgId) ?? { kind: r.practiceId ? 'practice' : 'pcn', id: orgId, code: null, name: '' },
      authMethod: r.authMethod,
      keyIds: (r.jwks?.keys ?? []).map((k, i) => k.kid ?? `key ${i + 1}`),
      scopes: r.scopes,
      createdAt: r.createdAt.toISOString(),
      revokedAt: r.revokedAt?.toISOString() ?? null,
      webhookUrl: r.webhookUrl,
      webhookSetAt: r.webhookSetAt?.toISOString() ?? null,
    };
  });
}
