import { PgDialect, pgTable, text } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { allocatedWorkerWhere, isInScope, type Scope, scopeWhere } from './scope.js';

const things = pgTable('things', {
  icbId: text('icb_id'),
  pcnId: text('pcn_id'),
  practiceId: text('practice_id'),
  vcsOrganisationId: text('vcs_organisation_id'),
});
const dialect = new PgDialect();
const render = (scope: Scope, cols: Parameters<typeof scopeWhere>[1]) => dialect.sqlToQuery(scopeWhere(scope, cols));

const practice: Scope = { kind: 'practice', icbId: 'I', pcnId: 'P', practiceId: 'G' };
const pcn: Scope = { kind: 'pcn', icbId: 'I', pcnId: 'P' };
const icb: Scope = { kind: 'icb', icbId: 'I' };
const vcs: Scope = { kind: 'vcs', icbId: 'I', vcsOrganisationId: 'V' };

describe('scopeWhere', () => {
  it('narrows each scope by its own column', () => {
    const all = {
      icbId: things.icbId,
      pcnId: things.pcnId,
      practiceId: things.practiceId,
      vcsOrganisationId: things.vcsOrganisationId,
    };
    expect(render(practice, all)).toMatchObject({ sql: '"things"."practice_id" = $1', params: ['G'] });
    expect(render(pcn, all)).toMatchObject({ sql: '"things"."pcn_id" = $1', params: ['P'] });
    expect(render(icb, all)).toMatchObject({ sql: '"things"."icb_id" = $1', params: ['I'] });
    expect(render(vcs, all)).toMatchObject({ sql: '"things"."vcs_organisation_id" = $1', params: ['V'] });
  });

  it('fails closed when the table lacks the column the scope needs', () => {
    expect(render(practice, { pcnId: things.pcnId }).sql).toBe('false');
    expect(render(vcs, { icbId: things.icbId }).sql).toBe('false');
    // Each scope needs its own column: a wider one present on the table does not stand in for it.
    const allButOwn = (own: keyof Parameters<typeof scopeWhere>[1]) => {
      const cols: Parameters<typeof scopeWhere>[1] = {
        icbId: things.icbId,
        pcnId: things.pcnId,
        practiceId: things.practiceId,
        vcsOrganisationId: things.vcsOrganisationId,
      };
      delete cols[own];
      return cols;
    };
    expect(render(icb, allButOwn('icbId'))).toMatchObject({ sql: 'false', params: [] });
    expect(render(pcn, allButOwn('pcnId'))).toMatchObject({ sql: 'false', params: [] });
    expect(render(practice, allButOwn('practiceId'))).toMatchObject({ sql: 'false', params: [] });
    expect(render(vcs, allButOwn('vcsOrganisationId'))).toMatchObject({ sql: 'false', params: [] });
  });
});

describe('allocatedWorkerWhere', () => {
  it("narrows to the worker's own allocations", () => {
    const workers = pgTable('cases', { allocatedWorkerId: text('allocated_worker_id') });
    expect(dialect.sqlToQuery(allocatedWorkerWhere('u1', workers.allocatedWorkerId))).toMatchObject({
      sql: '"cases"."allocated_worker_id" = $1',
      params: ['u1'],
    });
  });
});

describe('isInScope', () => {
  it('checks a record against the scope for writes that could move it', () => {
    expect(isInScope(practice, { practiceId: 'G' })).toBe(true);
    expect(isInScope(practice, { practiceId: 'other', pcnId: 'P' })).toBe(false);
    expect(isInScope(pcn, { pcnId: 'P' })).toBe(true);
    expect(isInScope(pcn, { pcnId: 'Q', icbId: 'I' })).toBe(false);
    expect(isInScope(icb, { icbId: 'I' })).toBe(true);
    expect(isInScope(vcs, { vcsOrganisationId: 'W' })).toBe(false);
    expect(isInScope(vcs, { vcsOrganisationId: 'V' })).toBe(true);
    expect(isInScope(icb, { icbId: 'J', pcnId: 'P', practiceId: 'G' })).toBe(false);
  });

  it('never takes a match on a wider or different column for the scope’s own one', () => {
    const sameEverywhere = { icbId: 'I', pcnId: 'P', practiceId: 'G', vcsOrganisationId: 'V' };
    expect(isInScope(practice, { ...sameEverywhere, practiceId: 'other' })).toBe(false);
    expect(isInScope(pcn, { ...sameEverywhere, pcnId: 'other' })).toBe(false);
    expect(isInScope(vcs, { ...sameEverywhere, vcsOrganisationId: 'other' })).toBe(false);
    expect(isInScope(icb, { ...sameEverywhere, icbId: 'other' })).toBe(false);
  });

  it('treats a record without the column as out of scope', () => {
    for (const scope of [practice, pcn, icb, vcs]) expect(isInScope(scope, {})).toBe(false);
  });
});
