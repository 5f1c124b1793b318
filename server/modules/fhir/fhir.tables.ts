import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
// Foreign keys only: other modules' tables are referenced for integrity, never queried here.
import { referrals } from '../referrals/referrals.tables.js';
import { systemClients } from '../system-clients/system-clients.tables.js';

/**
 * The sender's ServiceRequest id of each referral received as a FHIR message, so that a later
 * message about the same ServiceRequest (cancelling it: status `revoked`) finds the referral. One
 * per (client, ServiceRequest.id): a sender's ids are its own.
 */
export const fhirServiceRequests = pgTable(
  'fhir_service_requests',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => systemClients.id),
    serviceRequestId: text('service_request_id').notNull(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    bundleId: text('bundle_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clientId, t.serviceRequestId] }),
    index('fhir_service_requests_referral_idx').on(t.referralId),
  ],
);
