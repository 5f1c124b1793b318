import type { Listing, ListingInput } from '../../../../common/directory.js';
import type { ImportCounts, PossibleDuplicate } from '../../../../common/directory-transfer.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { AppError, type FieldError, isDatabaseUnavailable } from '../../../platform/errors.js';
import {
  type ChangeAuthor,
  createListing,
  diffListings,
  parseListing,
  toListingInput,
  updateListing,
} from '../listings/listings.service.js';
import * as repo from './transfer.repository.js';

// What both imports share: each item in its own savepoint (a bad item imports nothing of
// itself, good ones still import), created / updated / unchanged by comparing with the stored
// listing, and the duplicate check over what was written.

/** An item the import refuses; its errors name fields of the item. */
export class ItemRejected extends Error {
  constructor(readonly errors: FieldError[]) {
    super('import item rejected');
  }
}

export type Outcome = 'created' | 'updated' | 'unchanged';

export interface ItemResult {
  outcome: Outcome;
  serviceId: string;
  /** Organisations this item created (checked for duplicate identifiers). */
  createdOrganizationIds: string[];
}

function errorsOf(error: unknown): FieldError[] {
  if (error instanceof ItemRejected) return error.errors;
  if (error instanceof AppError) {
    return error.details.errors?.length ? error.details.errors : [{ field: 'document', message: error.userMessage }];
  }
  throw error;
}

export interface RunResult<E> extends ImportCounts {
  errors: E[];
}

export async function runImport<T, E>(
  tx: DbOrTx,
  icbId: string,
  items: T[],
  importOne: (tx: DbOrTx, item: T, index: number) => Promise<ItemResult>,
  describeErrors: (item: T, index: number, errors: FieldError[]) => E[],
  onUnexpected: (error: unknown, index: number) => void,
): Promise<RunResult<E>> {
  const result: RunResult<E> = { created: 0, updated: 0, unchanged: 0, errors: [], possible_duplicates: [] };
  const touched = new Set<string>();
  for (const [index, item] of items.entries()) {
    try {
      // A nested transaction is a savepoint: a failure rolls back this item only.
      const done = await tx.transaction((savepoint) => importOne(savepoint, item, index));
      result[done.outcome] += 1;
      if (done.outcome !== 'unchanged') touched.add(done.serviceId);
      for (const id of done.createdOrganizationIds) touched.add(id);
    } catch (error) {
      let errors: FieldError[];
      try {
        errors = errorsOf(error);
      } catch {
        if (isDatabaseUnavailable(error)) throw error;
        onUnexpected(error, index);
        errors = [{ field: 'document', message: 'could not be saved; check its values and try again' }];
      }
      result.errors.push(...describeErrors(item, index, errors));
    }
  }
  result.possible_duplicates = await possibleDuplicates(tx, icbId, [...touched]);
  return result;
}

async function possibleDuplicates(tx: DbOrTx, icbId: string, touched: string[]): Promise<PossibleDuplicate[]> {
  const mine = new Set(touched);
  const pairs = await repo.duplicatePairs(tx, icbId, touched);
  return pairs.map((p) => {
    const [imported, existing] = mine.has(p.a.id) ? [p.a, p.b] : [p.b, p.a];
    const reason =
      p.kind === 'organization'
        ? `${imported.name} has the same identifier (${p.detail ?? ''}) as ${existing.name}`
        : p.reason === 'similar_name_same_postcode'
          ? `Similar name to “${existing.name}” (${existing.organization.name}) at the same postcode`
          : `Similar name to “${existing.name}” in the same organisation, neither has a location`;
    return { imported_id: imported.id, existing_id: existing.id, kind: p.kind, reason };
  });
}

/**
 * Creates the listing, or updates it when it differs from the stored one. An identical listing
 * writes nothing: no new version, no metadata.
 */
export async function saveListing(
  tx: DbOrTx,
  icbId: string,
  input: ListingInput,
  existing: Listing | null,
  by: ChangeAuthor,
  action: string,
): Promise<{ outcome: Outcome; serviceId: string }> {
  if (!existing) {
    const created = await createListing(tx, icbId, input, by);
    return { outcome: 'created', serviceId: created.id };
  }
  const normalised = parseListing({ ...input, id: existing.id });
  if (diffListings(toListingInput(existing), normalised).length === 0) {
    return { outcome: 'unchanged', serviceId: existing.id };
  }
  const { changes } = await updateListing(tx, existing.id, input, by, { action });
  return { outcome: changes.length ? 'updated' : 'unchanged', serviceId: existing.id };
}
