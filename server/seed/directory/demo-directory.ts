import { eq, sql } from 'drizzle-orm';
import { directoryReports, directoryServices, postcodes } from '../../modules/directory/directory.tables.js';
import {
  type ChangeAuthor,
  createDirectoryOrganization,
  createListing,
  ensureSocialPrescribingTaxonomy,
} from '../../modules/directory/listings/listings.service.js';
import { vcsOrganisations } from '../../modules/organisations/organisations.tables.js';
import type { Tx } from '../../platform/db/client.js';
import {
  ALL_DEMO_SERVICES,
  buildDemoListing,
  buildDemoOrganisation,
  demoAssuredDaysAgo,
  demoServiceId,
} from './demo-builders.js';
import { DEMO_ORGANISATIONS, type OrganisationKey } from './demo-organisations.js';
import { livePostcodes, readOnspdSample } from './onspd-sample.js';

// The demo Directory of Services: about 150 invented services across Northshire, written
// through the listings writer like any other change (so history, search text and coordinates
// are exactly what a real edit would produce), then back-dated so the review queue has work in it.

const DEMO_AUTHOR: ChangeAuthor = { userId: null, label: 'demo data' };
/** Who "verified" the demo listings in the past. */
const DEMO_ASSURER = 'coordinator@northshire.example';

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
  return inserted.length;
}

/**
 * Seeds the demo directory into the ICB unless it is there already (the first demo service's
 * fixed id decides). Returns whether it seeded. Runs inside the caller's transaction.
 */
export async function seedDemoDirectory(tx: Tx, icbId: string): Promise<boolean> {
  await seedDemoPostcodes(tx);
  const first = ALL_DEMO_SERVICES[0];
  if (!first) return false;
  const existing = await tx
    .select({ id: directoryServices.id })
    .from(directoryServices)
    .where(eq(directoryServices.id, demoServiceId(first)));
  if (existing.length > 0) return false;

  await ensureSocialPrescribingTaxonomy(tx);
  const vcsRows = await tx
    .select({ id: vcsOrganisations.id, name: vcsOrganisations.name })
    .from(vcsOrganisations)
    .where(eq(vcsOrganisations.icbId, icbId));
  const vcsIds = Object.fromEntries(vcsRows.map((v) => [v.name, v.id]));
  for (const key of Object.keys(DEMO_ORGANISATIONS) as OrganisationKey[]) {
    await createDirectoryOrganization(tx, icbId, buildDemoOrganisation(key, vcsIds), DEMO_AUTHOR);
  }

  const centroids = livePostcodes(readOnspdSample());
  const assured: { id: string; daysAgo: number | null }[] = [];
  for (const [position, spec] of ALL_DEMO_SERVICES.entries()) {
    const listing = await createListing(tx, icbId, buildDemoListing(spec, centroids), DEMO_AUTHOR);
    assured.push({ id: listing.id, daysAgo: demoAssuredDaysAgo(spec, position) });
  }

  // The writer only records verification as of today; the demo needs a past to have a queue.
  const values = sql.join(
    assured.map((a) => sql`(${a.id}::uuid, ${a.daysAgo}::int)`),
    sql`, `,
  );
  await tx.execute(sql`
    UPDATE directory_services AS s
    SET assured_date = CASE WHEN v.days_ago IS NULL THEN NULL
                            ELSE (now() AT TIME ZONE 'Europe/London')::date - v.days_ago END,
        assurer_email = CASE WHEN v.days_ago IS NULL THEN NULL ELSE ${DEMO_ASSURER} END
    FROM (VALUES ${values}) AS v(id, days_ago)
    WHERE s.id = v.id`);

  const byName = new Map(ALL_DEMO_SERVICES.map((s) => [s.name, demoServiceId(s)]));
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
