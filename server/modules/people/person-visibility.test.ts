import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import type { Scope } from '../../platform/access/scope.js';
import { personVisibleTo } from './people.repository.js';

const dialect = new PgDialect();
const render = (scope: Scope) => dialect.sqlToQuery(personVisibleTo(scope));

// A person is visible only through a link the scope's own team made; every other scope sees no one.
describe('personVisibleTo', () => {
  it("a practice sees a person only through its own practice's link", () => {
    expect(render({ kind: 'practice', icbId: 'I', pcnId: 'P', practiceId: 'G' })).toMatchObject({
      sql: 'exists (SELECT 1 FROM "person_links" WHERE "person_links"."person_id" = "people"."id" AND "person_links"."practice_id" = $1)',
      params: ['G'],
    });
  });

  it("a PCN sees a person only through its own PCN's link", () => {
    expect(render({ kind: 'pcn', icbId: 'I', pcnId: 'P' })).toMatchObject({
      sql: 'exists (SELECT 1 FROM "person_links" WHERE "person_links"."person_id" = "people"."id" AND "person_links"."pcn_id" = $1)',
      params: ['P'],
    });
  });

  it('ICB-wide and VCS scopes see no person', () => {
    expect(render({ kind: 'icb', icbId: 'I' })).toEqual({ sql: 'false', params: [] });
    expect(render({ kind: 'vcs', icbId: 'I', vcsOrganisationId: 'V' })).toEqual({ sql: 'false', params: [] });
  });
});
