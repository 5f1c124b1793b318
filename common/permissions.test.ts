import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, ROLE_PERMISSIONS } from './permissions.js';
import { ROLES } from './roles.js';

// Who may do what is the product's safety decision: these pin the role → permission grid, so any
// widening (or narrowing) of a role shows up as a failing test and is reviewed as such.
describe('role permissions', () => {
  it('grants each role exactly its reviewed permissions', () => {
    const grid = Object.fromEntries(ROLES.map((role) => [role, PERMISSIONS.filter((p) => can(role, p))]));
    expect(grid).toMatchSnapshot();
  });

  it('gives everyone their own account, the organisation list and their notifications', () => {
    for (const role of ROLES) {
      expect([role, can(role, 'account.self'), can(role, 'organisation.read'), can(role, 'notification.read')]).toEqual(
        [role, true, true, true],
      );
    }
  });

  it('keeps audit, user management and directory management to admins', () => {
    for (const permission of [
      'audit.read',
      'user.manage',
      'user.read',
      'organisation.manage',
      'directory.manage',
    ] as const) {
      expect(ROLES.filter((role) => can(role, permission))).toEqual(['admin']);
    }
  });

  it('lets only team leads triage, allocate and manage leave', () => {
    for (const permission of ['referral.triage', 'referral.allocate', 'leave.manage'] as const) {
      expect(ROLES.filter((role) => can(role, permission))).toEqual(['team_lead']);
    }
  });

  it('gives commissioners and VCS partners no access to people or referrals', () => {
    for (const role of ['commissioner', 'vcs_partner'] as const) {
      expect(
        ROLE_PERMISSIONS[role].filter((p) => /^(referral|case|careplan|outcome|gpmessage|caseload)\./.test(p)),
      ).toEqual([]);
    }
  });

  it('names no permission that is not in the registry', () => {
    for (const granted of Object.values(ROLE_PERMISSIONS)) {
      for (const p of granted) expect(PERMISSIONS).toContain(p);
    }
  });
});
