import { PgDialect, pgTable, text } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { isInScope, type Scope, scopeWhere } from './scope.js';

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
  });
});
