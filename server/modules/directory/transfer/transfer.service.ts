import type {
  CsvImportError,
  CsvImportResult,
  DuplicatePair,
  MergeRequest,
  MergeResult,
  OrukImportError,
  OrukImportResult,
} from '../../../../common/directory-transfer.js';
import { normalisePostcode } from '../../../../common/postcode.js';
import { writeAudit, writeAuditAlone } from '../../../platform/audit/audit.js';
import type { Principal, SignedInContext } from '../../../platform/context.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { AppError, conflict, type FieldError, notFound, validationError } from '../../../platform/errors.js';
import { runUseCase } from '../../../platform/use-case.js';
import { staffByIds } from '../../users/users.service.js';
import { londonToday } from '../../workforce/workforce.service.js';
import {
  type ChangeAuthor,
  createDirectoryOrganization,
  loadListing,
  loadListings,
  markListingMerged,
  OF_ANOTHER_LISTING,
  parseListing,
  setListingStatus,
  toListingInput,
  updateListing,
} from '../listings/listings.service.js';
import {
  listingFromOruk,
  organizationOf,
  orukPath,
  parseOrukDocument,
  termIdsOf,
} from '../oruk/service-document-read.js';
import { orukService } from '../oruk/service-document-write.js';
import { type CsvRecord, checkRow, csvColumnOf, listingFromRow, readCsv } from './csv-listing.js';
import { ItemRejected, type ItemResult, runImport, saveListing } from './import-runner.js';
import * as repo from './transfer.repository.js';

// Import, export, duplicates and merge for an ICB's admin (directory.manage). Everything acts
// on the admin's own ICB: a service of another ICB is "not found", never "forbidden".

/** Where an unexpected failure of one import item is logged (the item is reported, the rest go on). */
export interface ErrorLog {
  error(obj: object, message: string): void;
}

function adminOf(ctx: SignedInContext): Principal & { icbId: string } {
  const { actor } = ctx;
  return { ...actor, icbId: actor.scope.icbId };
}

// ---- ORUK JSON import ----

async function importOrukDocument(tx: DbOrTx, icbId: string, raw: unknown, by: ChangeAuthor): Promise<ItemResult> {
  const parsed = parseOrukDocument(raw);
  if ('errors' in parsed) throw new ItemRejected(parsed.errors);
  const doc = parsed.doc;

  const serviceIcb = await repo.serviceIcb(tx, doc.id);
  if (serviceIcb && serviceIcb !== icbId) {
    throw new ItemRejected([{ field: 'id', message: 'is the id of a service outside your ICB’s directory' }]);
  }

  // The writer never stores these ids (it keys links by service and location), but one of
  // another listing's would tie this document's schedules to that listing's place.
  const sals = doc.service_at_locations ?? [];
  const salOwners = await repo.serviceAtLocationServices(
    tx,
    sals.flatMap((x) => (x.id ? [x.id] : [])),
  );
  const foreignSals = sals.flatMap((x, i) =>
    x.id && salOwners.has(x.id) && salOwners.get(x.id) !== doc.id
      ? [{ field: `service_at_locations.${i}.id`, message: OF_ANOTHER_LISTING }]
      : [],
  );
  if (foreignSals.length) throw new ItemRejected(foreignSals);

  const organization = organizationOf(doc);
  const organizationId = organization?.id ?? doc.organization_id;
  if (!organizationId) throw new ItemRejected([{ field: 'organization', message: 'must be given' }]);
  const orgIcb = await repo.organizationIcb(tx, organizationId);
  if (orgIcb && orgIcb !== icbId) {
    throw new ItemRejected([
      { field: 'organization.id', message: 'is the id of an organisation outside your ICB’s directory' },
    ]);
  }
  const createdOrganizationIds: string[] = [];
  if (!orgIcb) {
    if (!organization) {
      throw new ItemRejected([
        {
          field: 'organization_id',
          message: 'is not an organisation in the directory: include the organization object',
        },
      ]);
    }
    await createDirectoryOrganization(tx, icbId, organization, by);
    createdOrganizationIds.push(organizationId);
  }

  // Terms must already exist: an unknown term is reported, never invented, so the ICB's
  // taxonomy stays the one its staff search by.
  const termIds = termIdsOf(doc);
  const known = await repo.knownTermIds(tx, termIds);
  const unknown = (doc.attributes ?? []).flatMap((a, i) => {
    const termId = a.taxonomy_term?.id ?? a.taxonomy_term_id;
    return termId && !known.has(termId)
      ? [{ field: `attributes.${i}.taxonomy_term.id`, message: 'is not a taxonomy term of this directory' }]
      : [];
  });
  if (unknown.length) throw new ItemRejected(unknown);

  const existing = serviceIcb ? await loadListing(tx, doc.id) : null;
  const mapped = listingFromOruk(doc, organizationId, existing);
  if ('errors' in mapped) throw new ItemRejected(mapped.errors);
  const saved = await saveListing(tx, icbId, mapped.input, existing, by, 'import');
  return { ...saved, createdOrganizationIds };
}

/**
 * Imports ORUK service documents (full nested, as GET /services/{id} answers), idempotent by id:
 * the same document twice creates nothing and writes no history the second time.
 */
export async function importOruk(
  db: Db,
  ctx: SignedInContext,
  documents: unknown[],
  log: ErrorLog,
): Promise<OrukImportResult> {
  const admin = adminOf(ctx);
  const by: ChangeAuthor = { userId: admin.userId, label: 'ORUK import' };
  return runUseCase(db, ctx, async (tx) => {
    const result = await importOrukDocuments(tx, admin.icbId, documents, by, log);
    await writeAudit(tx, ctx, {
      action: 'directory.import',
      details: { format: 'oruk', ...counts(result), errors: result.errors.length },
    });
    return result;
  });
}

/**
 * The import itself, inside the caller's transaction: an admin's upload (importOruk, which
 * audits it) and the demo seed (server/seed/directory) go through here alike.
 */
export async function importOrukDocuments(
  tx: DbOrTx,
  icbId: string,
  documents: unknown[],
  by: ChangeAuthor,
  log: ErrorLog,
): Promise<OrukImportResult> {
  return runImport<unknown, OrukImportError>(
    tx,
    icbId,
    documents,
    (t, doc) => importOrukDocument(t, icbId, doc, by),
    (doc, index, errors) => {
      const id = (doc as { id?: unknown } | null)?.id;
      return errors.map((e) => ({
        index,
        ...(typeof id === 'string' ? { id } : {}),
        field: orukPath(e.field),
        message: e.message,
      }));
    },
    (error, index) => log.error({ err: error, index }, 'ORUK import: a document could not be saved'),
  );
}

const counts = (r: { created: number; updated: number; unchanged: number; possible_duplicates: unknown[] }) => ({
  created: r.created,
  updated: r.updated,
  unchanged: r.unchanged,
  possibleDuplicates: r.possible_duplicates.length,
});

// ---- CSV import ----

async function organizationForRow(
  tx: DbOrTx,
  icbId: string,
  record: CsvRecord,
  by: ChangeAuthor,
): Promise<{ id: string; created: boolean }> {
  const { organization_name: name, charity_number: charity } = record.row;
  const found =
    (charity ? await repo.organizationByCharityNumber(tx, icbId, charity) : null) ??
    (await repo.organizationByName(tx, icbId, name));
  if (found) return { id: found, created: false };
  const { id } = await createDirectoryOrganization(
    tx,
    icbId,
    {
      name,
      identifiers: charity
        ? [{ identifier_scheme: 'GB-CHC', identifier_type: 'Charity number', identifier: charity.replace(/\s+/g, '') }]
        : [],
    },
    by,
  );
  return { id, created: true };
}

/**
 * What the listing writer would say of the row, checked now so that a row's errors all come in
 * one answer (the row's own checks and the listing's), not one layer per import.
 */
function listingProblems(record: CsvRecord, rowProblems: FieldError[]): FieldError[] {
  let writerErrors: FieldError[] = [];
  try {
    parseListing(listingFromRow(record.row, PLACEHOLDER_ORGANIZATION, null));
  } catch (error) {
    // A row too broken to map (its own checks say why) has nothing more to add.
    if (error instanceof AppError && error.details.errors) writerErrors = error.details.errors;
  }
  const named = new Set(rowProblems.map((p) => p.field));
  return writerErrors.filter((e) => !named.has(csvColumnOf(e.field)));
}
const PLACEHOLDER_ORGANIZATION = '00000000-0000-4000-8000-000000000000';

async function importCsvRow(tx: DbOrTx, icbId: string, record: CsvRecord, by: ChangeAuthor): Promise<ItemResult> {
  const rowProblems = checkRow(record.row);
  const problems = [...rowProblems, ...listingProblems(record, rowProblems)];
  if (problems.length) throw new ItemRejected(problems);
  let existing = null;
  if (record.row.id) {
    const icb = await repo.serviceIcb(tx, record.row.id);
    if (icb && icb !== icbId) {
      throw new ItemRejected([{ field: 'id', message: 'is the id of a service outside your ICB’s directory' }]);
    }
    existing = icb ? await loadListing(tx, record.row.id) : null;
  }
  const organization = await organizationForRow(tx, icbId, record, by);
  if (!record.row.id && !organization.created) {
    const sameId = await repo.findServiceLike(
      tx,
      icbId,
      organization.id,
      record.row.name,
      record.row.postcode ? normalisePostcode(record.row.postcode) : null,
    );
    existing = sameId ? await loadListing(tx, sameId) : null;
  }
  const input = listingFromRow(record.row, organization.id, existing);
  const saved = await saveListing(tx, icbId, input, existing, by, 'import');
  return { ...saved, createdOrganizationIds: organization.created ? [organization.id] : [] };
}

/** Imports the directory CSV (CSV_COLUMNS); each row stands alone, errors name line and column. */
export async function importCsv(db: Db, ctx: SignedInContext, text: string, log: ErrorLog): Promise<CsvImportResult> {
  const admin = adminOf(ctx);
  const records = readCsv(text);
  const by: ChangeAuthor = { userId: admin.userId, label: 'CSV import' };
  return runUseCase(db, ctx, async (tx) => {
    const result = await runImport<CsvRecord, CsvImportError>(
      tx,
      admin.icbId,
      records,
      (t, record) => importCsvRow(t, admin.icbId, record, by),
      (record, _index, errors) =>
        errors.map((e) => ({ line: record.line, field: csvColumnOf(e.field), message: e.message })),
      (error, index) => log.error({ err: error, line: records[index]?.line }, 'CSV import: a row could not be saved'),
    );
    await writeAudit(tx, ctx, {
      action: 'directory.import',
      details: { format: 'csv', rows: records.length, ...counts(result), errors: result.errors.length },
    });
    return result;
  });
}

// ---- Export ----

const EXPORT_BATCH = 200;

/**
 * The whole directory of the admin's ICB as full nested ORUK service documents. It is meant for
 * sharing, so confidential locations leave out their address and coordinates.
 */
export async function exportOruk(
  db: Db,
  ctx: SignedInContext,
): Promise<{ filename: string; documents: Record<string, unknown>[] }> {
  const admin = adminOf(ctx);
  // One snapshot, so a listing edited mid-export is either wholly old or wholly new.
  const documents = await db.transaction(
    async (tx) => {
      const ids = await repo.serviceIdsOfIcb(tx, admin.icbId);
      const out: Record<string, unknown>[] = [];
      for (let i = 0; i < ids.length; i += EXPORT_BATCH) {
        const listings = await loadListings(tx, ids.slice(i, i + EXPORT_BATCH));
        // One connection: queries in a transaction run one after another.
        const orgs = await repo.organizationRecords(tx, [...new Set(listings.map((l) => l.organization_id))]);
        const terms = await repo.termRecords(tx, [...new Set(listings.flatMap((l) => l.taxonomy_term_ids))]);
        const sals = await repo.serviceAtLocationIds(
          tx,
          listings.map((l) => l.id),
        );
        for (const listing of listings) {
          const organization = orgs.get(listing.organization_id);
          if (!organization) continue;
          out.push(orukService(listing, { organization, terms, salIds: sals.get(listing.id) ?? new Map() }, 'export'));
        }
      }
      return out;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  await writeAuditAlone(db, ctx, {
    action: 'directory.export',
    details: { format: 'oruk', services: documents.length },
  });
  return { filename: `directory-${londonToday()}.json`, documents };
}

// ---- Duplicates and merge ----

export async function listDuplicates(db: Db, ctx: SignedInContext): Promise<DuplicatePair[]> {
  const admin = adminOf(ctx);
  const pairs = await repo.duplicatePairs(db, admin.icbId);
  await writeAuditAlone(db, ctx, { action: 'directory.duplicates.read', details: { pairs: pairs.length } });
  return pairs;
}

/**
 * Merges a duplicate into the listing kept: the duplicate is retired (inactive, merged_into_id
 * set) with its history intact; its open reports move to the kept listing, which also gains any
 * categories it lacked; its pending partner edits are withdrawn (they describe the duplicate).
 * Both listings' histories record the merge.
 */
export async function mergeListings(db: Db, ctx: SignedInContext, body: MergeRequest): Promise<MergeResult> {
  const admin = adminOf(ctx);
  if (body.keep_id === body.merge_id) {
    throw validationError([{ field: 'merge_id', message: 'must be a different service from the one kept' }]);
  }
  const [user] = await staffByIds(db, [admin.userId]);
  const by: ChangeAuthor = { userId: admin.userId, label: user?.email ?? admin.name };
  return runUseCase(db, ctx, async (tx) => {
    const rows = await repo.lockServices(tx, [body.keep_id, body.merge_id]);
    const keep = rows.find((r) => r.id === body.keep_id && r.icbId === admin.icbId);
    const merge = rows.find((r) => r.id === body.merge_id && r.icbId === admin.icbId);
    if (!keep || !merge) {
      await writeAuditAlone(db, ctx, {
        action: 'directory.merge',
        outcome: 'denied',
        entityType: 'directory_service',
        entityId: body.merge_id,
        details: { keepId: body.keep_id, reason: 'not in the ICB' },
      });
      throw notFound('service');
    }
    if (merge.mergedIntoId) throw conflict('That service has already been merged into another listing.');
    if (keep.mergedIntoId) throw conflict('The service to keep has itself been merged into another listing.');

    const [kept, merged] = await loadListings(tx, [keep.id, merge.id]);
    if (!kept || !merged) throw notFound('service');
    const missingTerms = merged.taxonomy_term_ids.filter((t) => !kept.taxonomy_term_ids.includes(t));
    if (missingTerms.length) {
      const input = toListingInput(kept);
      await updateListing(
        tx,
        kept.id,
        { ...input, taxonomy_term_ids: [...input.taxonomy_term_ids, ...missingTerms] },
        by,
        {
          action: 'merge',
        },
      );
    }
    if (merged.status !== 'inactive') await setListingStatus(tx, merge.id, 'inactive', by);
    await markListingMerged(tx, merge.id, keep.id, body.reason, by);
    const movedReports = await repo.moveOpenReports(tx, merge.id, keep.id);
    const withdrawnChanges = await repo.withdrawPendingChangeRequests(tx, merge.id, keep.id);
    await writeAudit(tx, ctx, {
      action: 'directory.merge',
      entityType: 'directory_service',
      entityId: merge.id,
      details: {
        keepId: keep.id,
        movedReports,
        withdrawnChangeRequests: withdrawnChanges,
        addedCategories: missingTerms.length,
      },
    });
    return {
      kept_id: keep.id,
      merged_id: merge.id,
      moved_reports: movedReports,
      withdrawn_change_requests: withdrawnChanges,
    };
  });
}
