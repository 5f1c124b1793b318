import pg from 'pg';
import { E2E_PG_PORT } from '../ports.mjs';
import { DEMO_USERS } from './demo-users.js';

// An onward referral from the demo link worker's case to a service of the demo partner's
// organisation, inserted as the refer use-case leaves it (sent to the partner's inbox), so the
// partner's journey does not depend on the worker's pages.
const DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${E2E_PG_PORT}/waymark`;

export interface SentOnward {
  id: string;
  serviceName: string;
  personName: string;
}

export async function sendOnwardToDemoPartner(personName: string): Promise<SentOnward> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows: services } = await client.query<{ id: string; name: string; organization_id: string; vcs: string }>(
      `SELECT s.id, s.name, s.organization_id, o.vcs_organisation_id AS vcs
         FROM directory_services s
         JOIN directory_organizations o ON o.id = s.organization_id
         JOIN vcs_organisations v ON v.id = o.vcs_organisation_id
         JOIN users p ON p.vcs_organisation_id = v.id AND p.email = $1
        WHERE s.status = 'active' AND s.merged_into_id IS NULL
        ORDER BY s.name LIMIT 1`,
      [DEMO_USERS.vcs_partner.email],
    );
    const { rows: cases } = await client.query<{
      id: string;
      icb_id: string;
      pcn_id: string;
      person_id: string;
      worker: string;
    }>(
      `SELECT r.id, r.icb_id, r.pcn_id, r.person_id, u.id AS worker
         FROM referrals r JOIN users u ON u.id = r.allocated_worker_id
        WHERE u.email = $1 AND r.status IN ('allocated', 'first_contact', 'active')
        ORDER BY r.created_at LIMIT 1`,
      [DEMO_USERS.link_worker.email],
    );
    const service = services[0];
    const theCase = cases[0];
    if (!service || !theCase) throw new Error('the demo data has no partner service or no case of the link worker');
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO onward_referrals (icb_id, pcn_id, referral_id, person_id, service_id, organization_id,
         vcs_organisation_id, kind, delivery, status, consent_recorded_by_user_id, consent_recorded_at,
         shared_fields, shared_details, note, capacity_at_send, service_status_at_send, reply_due_on,
         created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'referral', 'inbox', 'sent', $8, now(),
         ARRAY['name', 'contact', 'reason'], $9, $10, 'open', 'active', (now() + interval '7 days')::date, $8)
       RETURNING id`,
      [
        theCase.icb_id,
        theCase.pcn_id,
        theCase.id,
        theCase.person_id,
        service.id,
        service.organization_id,
        service.vcs,
        theCase.worker,
        JSON.stringify({
          name: personName,
          phone: '07700 900456',
          preferredContact: 'phone',
          reason: 'Would like to get out more and meet people on walks.',
        }),
        'Best to call in the morning.',
      ],
    );
    const id = (rows[0] as { id: string }).id;
    await client.query(
      `INSERT INTO onward_events (onward_referral_id, type, actor_user_id, via) VALUES ($1, 'sent', $2, 'team')`,
      [id, theCase.worker],
    );
    return { id, serviceName: service.name, personName };
  } finally {
    await client.end();
  }
}
