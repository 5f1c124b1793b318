import type { DbOrTx } from '../../platform/db/client.js';
import * as repo from './team.repository.js';

export { getProfile } from './use-cases/profile.js';
export { recordSupervision } from './use-cases/record-supervision.js';
export { recordTraining } from './use-cases/record-training.js';
export { myDevelopmentTasks, teamDevelopment } from './use-cases/team-development.js';
export { getTeamSettings, updateTeamSettings } from './use-cases/team-settings.js';
export { updateProfile } from './use-cases/update-profile.js';

/** A skill as the allocation rules weigh it (allocation-rules.ts MemberSkill). */
export interface MemberSkill {
  label: string;
  reasonCodes: string[];
}

/** Each member's active skills with the referral reasons they suit, for the allocation rules. */
export async function skillsOfMembers(db: DbOrTx, userIds: string[]): Promise<Map<string, MemberSkill[]>> {
  const rows = await repo.findSkillsOfUsers(db, userIds);
  const byUser = new Map<string, MemberSkill[]>();
  for (const r of rows) {
    if (!r.active) continue;
    const list = byUser.get(r.userId) ?? [];
    list.push({ label: r.label, reasonCodes: r.reasonCodes });
    byUser.set(r.userId, list);
  }
  return byUser;
}
