import { eq, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

// Row-level scope. Every repository query on scoped data adds `scopeWhere(...)`, so a record
// outside the user's organisation is simply not found (404), never "forbidden" (which would
// confirm that it exists).
export type Scope =
  | { kind: 'icb'; icbId: string }
  | { kind: 'pcn'; icbId: string; pcnId: string }
  | { kind: 'practice'; icbId: string; pcnId: string; practiceId: string }
  | { kind: 'vcs'; icbId: string; vcsOrganisationId: string };

/** The columns by which a table can be scoped; give the ones the table has. */
export interface ScopeColumns {
  icbId?: AnyPgColumn;
  pcnId?: AnyPgColumn;
  practiceId?: AnyPgColumn;
  vcsOrganisationId?: AnyPgColumn;
}

const DENY = sql`false`;

/**
 * The where-clause that keeps a query inside `scope`. Fails closed: if the table lacks the
 * column the scope needs, nothing matches.
 */
export function scopeWhere(scope: Scope, cols: ScopeColumns): SQL {
  switch (scope.kind) {
    case 'icb':
      return cols.icbId ? eq(cols.icbId, scope.icbId) : DENY;
    case 'pcn':
      return cols.pcnId ? eq(cols.pcnId, scope.pcnId) : DENY;
    case 'practice':
      return cols.practiceId ? eq(cols.practiceId, scope.practiceId) : DENY;
    case 'vcs':
      return cols.vcsOrganisationId ? eq(cols.vcsOrganisationId, scope.vcsOrganisationId) : DENY;
  }
}

/** Narrows to records allocated to one worker (their own caseload). */
export function allocatedWorkerWhere(userId: string, workerColumn: AnyPgColumn): SQL {
  return eq(workerColumn, userId);
}

/** For checks in code (before and after a write that could move a record between scopes). */
export function isInScope(
  scope: Scope,
  record: {
    icbId?: string | null;
    pcnId?: string | null;
    practiceId?: string | null;
    vcsOrganisationId?: string | null;
  },
): boolean {
  switch (scope.kind) {
    case 'icb':
      return record.icbId === scope.icbId;
    case 'pcn':
      return record.pcnId === scope.pcnId;
    case 'practice':
      return record.practiceId === scope.practiceId;
    case 'vcs':
      return record.vcsOrganisationId === scope.vcsOrganisationId;
  }
}
