import { readdirSync, readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { imdDeciles } from '../../modules/analytics/analytics.tables.js';
import { directoryReports, directoryServices, postcodes } from '../../modules/directory/directory.tables.js';
import {
  type ChangeAuthor,
  createDirectoryOrganization,
  ensureSocialPrescribingTaxonomy,
} from '../../modules/directory/listings/listings.service.js';
import { importOrukDocuments } from '../../modules/directory/transfer/transfer.service.js';
import { vcsOrganisations } from '../../modules/organisations/organisations.tables.js';
import type { Tx } from '../../platform/db/client.js';
import { projectUrl } from '../../platform/paths.js';
import { buildDemoOrganisation, DEMO_ORGANISATIONS, type OrganisationKey } from './demo-organisations.js';
import { livePostcodes, readImdSample, readOnspdSample } from './onspd-sample.js';

// The demo Directory of Services: about 150 invented services across Northshire, kept as Open
// Referral UK service documents in services/<organisation>.json (one file per organisation, as
// each would upload its own) and imported through the same path as an admin's upload, so the
// listings, their history, search text and coordinates are exactly what an import produces.
// Then, as the demo needs a past: verification dates are back-dated so the review queue has
// work in it, and a few public reports wait in it.

const DEMO_AUTHOR: ChangeAuthor = { userId: null, label: 'demo data' };
/** Who "verified" the demo listings in the past. */
const DEMO_ASSURER = 'coordinator@northshire.example';

export const DEMO_SERVICES_DIR = projectUrl('server/seed/directory/services/');

/** One organisation's file: its ORUK documents, and how long ago each listing was last verified. */
export interface DemoServiceFile {
  services: { id: string; name: string }[];
  /** By service name: days since it was last verified; null = never verified. */
  demo_verified_days_ago: Record<string, number | null>;
}

/** The demo service files, in name order (so every seed imports in the same order). */
export function readDemoServiceFiles(): DemoServiceFile[] {
  return readdirSync(DEMO_SERVICES_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(new URL(name, DEMO_SERVICES_DIR), 'utf8')) as DemoServiceFile);
}

/** Public "this is out of date" reports waiting in the review queue. */
export const DEMO_REPORTS: { service: string; daysAgo: number; message: string; reporterEmail: string | null }[] = [
  {
    service: 'Money advice drop-in — Byker',
    daysAgo: 3,
    message: 'The drop-in has moved to Wednesday afternoons and the phone number just rings out.',
    reporterEmail: null,
  },
  {
    service: 'Knit and natter — Fenham',
    daysAgo: 9,
    message: 'This group meets at the library on Fenham Road now, not the hub.',
    reporterEmail: 'a.reader@example.org',
  },
  {
    service: 'Cycling Confidence Sessions',
    daysAgo: 1,
    message: 'Sessions started again last weekend, so it is not closed any more.',
    reporterEmail: null,
  },
];

/** Loads the live postcodes of the synthetic ONSPD sample (idempotent). Returns how many rows were new. */
export async function seedDemoPostcodes(tx: Tx): Promise<number> {
  const rows = [...livePostcodes(readOnspdSample()).values()];
  const inserted = await tx
    .insert(postcodes)
    .values(rows)
    .onConflictDoNothing()
    .returning({ postcode: postcodes.postcode });
  await tx.insert(imdDeciles).values(readImdSample()).onConflictDoNothing();
  return inserted.length;
}

/** The seed stops at the first refused document: the demo is either whole or not there. */
const failLoudly = {
  error(obj: object, message: string) {
    throw Object.assign(new Error(`demo directory: ${message}`), obj);
  },
};

/**
 * Seeds the demo directory into the ICB unless it is there already (the first demo service's
 * fixed id decides). Returns whether it seeded. Runs inside the caller's transaction.
 */
export async function seedDemoDirectory(tx: Tx, icbId: string): Promise<boolean> {
  await seedDemoPostcodes(tx);
  const files = readDemoServiceFiles();
  const first = files[0]?.services[0];
  if (!first) return false;
  const existing = await tx
    .select({ id: directoryServices.id })
    .from(directoryServices)
    .where(eq(directoryServices.id, first.id));
  if (existing.length > 0) return false;

  await ensureSocialPrescribingTaxonomy(tx);
  // The organisations first, with their links to the demo's VCS partners (which ORUK has no
  // field for): the documents then name them, and the import finds them in this ICB.
  const vcsRows = await tx
    .select({ id: vcsOrganisations.id, name: vcsOrganisations.name })
    .from(vcsOrganisations)
    .where(eq(vcsOrganisations.icbId, icbId));
  const vcsIds = Object.fromEntries(vcsRows.map((v) => [v.name, v.id]));
  for (const key of Object.keys(DEMO_ORGANISATIONS) as OrganisationKey[]) {
    await createDirectoryOrganization(tx, icbId, buildDemoOrganisation(key, vcsIds), DEMO_AUTHOR);
  }

  const documents = files.flatMap((f) => f.services);
  const result = await importOrukDocuments(tx, icbId, documents, DEMO_AUTHOR, failLoudly);
  if (result.errors.length > 0 || result.created !== documents.length) {
    throw new Error(`demo directory: the import refused ${JSON.stringify(result.errors.slice(0, 3))}`);
  }

  // An import (like any write) records verification only as of today; the demo needs a past.
  const byName = new Map(documents.map((d) => [d.name, d.id]));
  const assured = files.flatMap((f) =>
    Object.entries(f.demo_verified_days_ago).map(([name, daysAgo]) => {
      const id = byName.get(name);
      if (!id) throw new Error(`demo verification names an unknown service: ${name}`);
      return sql`(${id}::uuid, ${daysAgo}::int)`;
    }),
  );
  await tx.execute(sql`
    UPDATE directory_services AS s
    SET assured_date = CASE WHEN v.days_ago IS NULL THEN NULL
                            ELSE (now() AT TIME ZONE 'Europe/London')::date - v.days_ago END,
        assurer_email = CASE WHEN v.days_ago IS NULL THEN NULL ELSE ${DEMO_ASSURER} END
    FROM (VALUES ${sql.join(assured, sql`, `)}) AS v(id, days_ago)
    WHERE s.id = v.id`);

  await tx.insert(directoryReports).values(
    DEMO_REPORTS.map((r) => {
      const serviceId = byName.get(r.service);
      if (!serviceId) throw new Error(`demo report names an unknown service: ${r.service}`);
      return {
        serviceId,
        icbId,
        message: r.message,
        reporterEmail: r.reporterEmail,
        createdAt: new Date(Date.now() - r.daysAgo * 86_400_000),
      };
    }),
  );
  return true;
}
