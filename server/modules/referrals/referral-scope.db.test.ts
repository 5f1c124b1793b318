import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database.js';
import { createTestTenancy } from '../../test/toolkit.js';
import { createTestReferral } from '../triage/test-referrals.js';
import { findReferralInScope, personHasReferralInScope } from './referrals.repository.js';

// Who can reach a referral at all, whatever permissions a role is given: the referring practice
// and the PCN's team. An ICB-wide scope (a commissioner's, an administrator's) reaches none, so
// giving such a role a referral permission by mistake would still show it nothing (issue 13:
// commissioners never receive person-level data). A VCS partner's scope reaches none either.

const database = await createTestDatabase();
afterAll(() => database.close());

describe('the referral scope', () => {
  it('lets the referring practice and the PCN team find a referral, and no ICB-wide or partner scope', async () => {
    const t = await createTestTenancy(database.db);
    const referral = await createTestReferral(database.db, t);
    const practice = { kind: 'practice' as const, icbId: t.icbId, pcnId: t.pcnId, practiceId: t.practiceId };
    const pcn = { kind: 'pcn' as const, icbId: t.icbId, pcnId: t.pcnId };
    const icb = { kind: 'icb' as const, icbId: t.icbId };
    const vcs = { kind: 'vcs' as const, icbId: t.icbId, vcsOrganisationId: t.vcsOrganisationId };
    expect((await findReferralInScope(database.db, practice, referral.id))?.id).toBe(referral.id);
    expect((await findReferralInScope(database.db, pcn, referral.id))?.id).toBe(referral.id);
    expect(await findReferralInScope(database.db, icb, referral.id)).toBeNull();
    expect(await findReferralInScope(database.db, vcs, referral.id)).toBeNull();
    expect(await personHasReferralInScope(database.db, pcn, referral.personId)).toBe(true);
    expect(await personHasReferralInScope(database.db, icb, referral.personId)).toBe(false);
  });
});
