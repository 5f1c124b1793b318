import { describe, expect, it } from 'vitest';
import { ANALYTICS_ROUTES } from '../analytics/routes';
import { PARTNER_ROUTES } from '../partner/routes';
import { ROLE_DESCRIPTIONS } from './role-descriptions';

// A home page that promises a page Waymark does not have misleads on the first day. The
// partner's inbox landed with issue 12, the commissioner's figures with issue 13.
describe('role descriptions promise only what exists', () => {
  it('the voluntary sector partner is told of the inbox of referrals, which exists', () => {
    expect(ROLE_DESCRIPTIONS.vcs_partner.join(' ')).toMatch(/inbox of referrals/);
    expect(PARTNER_ROUTES.some((r) => r.path === 'partner/referrals')).toBe(true);
  });

  it('the commissioner is told of the figures, which exist', () => {
    expect(ROLE_DESCRIPTIONS.commissioner.join(' ')).toMatch(/figures/);
    expect(ANALYTICS_ROUTES.some((r) => r.path === 'analytics/:section')).toBe(true);
  });
});
