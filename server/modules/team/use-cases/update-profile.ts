import type { TeamMemberProfile } from '../../../../common/team.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { AppError, validationError } from '../../../platform/errors.js';
import { runUseCase } from '../../../platform/use-case.js';
import { updateWorkPattern } from '../../users/users.service.js';
import * as repo from '../team.repository.js';
import type { TProfileUpdate } from '../team.schemas.js';
import { findMemberFor } from '../team-members.js';
import { getProfile } from './profile.js';

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * The lead (or the ICB's admin) edits a member's profile. Band, FTE and languages are the user
 * record's (allocation reads them there), written at the version the editor read; the rest is the
 * team profile. One transaction, one audit row naming the fields that changed.
 */
export async function updateProfile(
  db: Db,
  ctx: SignedInContext,
  id: string,
  input: TProfileUpdate,
): Promise<TeamMemberProfile> {
  const member = await findMemberFor(db, ctx, id, 'manage');
  const skills = new Map((await repo.findSkillsOfIcb(db, member.icbId)).map((s) => [s.id, s]));
  const [current] = await repo.findProfiles(db, [member.id]);
  const held = new Set((await repo.findSkillsOfUsers(db, [member.id])).map((s) => s.id));
  // A skill switched off in the list may stay on a profile that has it, but cannot be newly added.
  const problems = input.skillIds.flatMap((sid, i) =>
    skills.get(sid)?.active || (skills.has(sid) && held.has(sid))
      ? []
      : [{ field: `skillIds.${i}`, message: 'is not a skill in the list' }],
  );
  if (problems.length > 0) throw validationError(problems);

  await runUseCase(db, ctx, async (tx) => {
    const updated = await updateWorkPattern(tx, member.id, input.version, {
      band: input.band,
      fte: input.fte,
      languages: input.languages,
    });
    if (!updated) {
      throw new AppError('conflict', {
        userMessage: `${member.name}'s record was changed by someone else since you opened it. Reload the page and make your change again.`,
      });
    }
    await repo.upsertProfile(tx, {
      userId: member.id,
      workingDays: input.workingDays,
      startDate: input.startDate,
      funding: input.funding,
      fundingNote: input.fundingNote === '' ? null : input.fundingNote,
    });
    await repo.replaceMemberSkills(tx, member.id, input.skillIds);
    const before = {
      band: member.band,
      fte: member.fte === null ? null : Number(member.fte),
      startDate: current?.startDate ?? null,
      funding: current?.funding ?? null,
      fundingNote: current?.fundingNote ?? null,
    };
    const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => before[k] !== input[k]);
    if (!same(member.languages, input.languages)) changed.push('languages' as never);
    if (!same(current?.workingDays ?? [], input.workingDays)) changed.push('workingDays' as never);
    if (!same([...held], input.skillIds)) changed.push('skillIds' as never);
    await writeAudit(tx, ctx, {
      action: 'team.profile.update',
      entityType: 'user',
      entityId: member.id,
      details: { changed },
    });
  });
  return getProfile(db, ctx, member.id);
}
