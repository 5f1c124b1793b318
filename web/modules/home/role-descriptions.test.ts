import { describe, expect, it } from 'vitest';
import { PARTNER_ROUTES } from '../partner/routes';
import { ROLE_DESCRIPTIONS } from './role-descriptions';

// A home page that promises a page Waymark does not have misleads on the first day. The
// partner's inbox landed with issue 12; when the commissioner's figures (issue 13) land, those words return.
describe('role descriptions promise only what exists', () => {
  it('the voluntary sector partner is told of the inbox of referrals, which exists', () => {
    expect(ROLE_DESCRIPTIONS.vcs_partner.join(' ')).toMatch(/inbox of referrals/);
    expect(PARTNER_ROUTES.some((r) => r.path === 'partner/referrals')).toBe(true);
  });

  it('the commissioner is not promised figures', () => {
    expect(ROLE_DESCRIPTIONS.commissioner.join(' ')).not.toMatch(/figures|demand|capacity|utilisation/i);
  });
});
