import { describe, expect, it } from 'vitest';
import { ROLE_DESCRIPTIONS } from './role-descriptions';

// A home page that promises a page Waymark does not have misleads on the first day. When the
// partner's inbox (issue 12) and the commissioner's figures (issue 13) land, these words return.
describe('role descriptions promise only what exists', () => {
  it('the voluntary sector partner is not promised an inbox of onward referrals', () => {
    expect(ROLE_DESCRIPTIONS.vcs_partner.join(' ')).not.toMatch(/onward referrals/i);
  });

  it('the commissioner is not promised figures', () => {
    expect(ROLE_DESCRIPTIONS.commissioner.join(' ')).not.toMatch(/figures|demand|capacity|utilisation/i);
  });
});
