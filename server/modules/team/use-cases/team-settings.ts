import type { TeamRole } from '../../../../common/roles.js';
import type { TeamSettings } from '../../../../common/team.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { type FieldError, isUniqueViolation, validationError } from '../../../platform/errors.js';
import { runUseCase } from '../../../platform/use-case.js';
import { listReferralReasons } from '../../codes/codes.service.js';
import * as repo from '../team.repository.js';
import type { TTeamSettingsUpdate } from '../team.schemas.js';
import { skillView } from '../team-views.js';

/** The ICB's team lists: skills (with the referral reasons each suits), training per role, supervision targets. */
export async function getTeamSettings(db: Db, ctx: SignedInContext): Promise<TeamSettings> {
  const icbId = ctx.actor.scope.icbId;
  const skills = await repo.findSkillsOfIcb(db, icbId);
  const requirements = await repo.findRequirementsOfIcb(db, icbId);
  const targets = await repo.findTargetsOfIcb(db, icbId);
  const reasons = await listReferralReasons(db, true);
  return {
    skills: skills.map(skillView),
    requirements: requirements.map((r) => ({
      id: r.id,
      role: r.role as TeamRole,
      title: r.title,
      source: r.source,
      sourceUrl: r.sourceUrl,
      validityMonths: r.validityMonths,
      active: r.active,
    })),
    targets: targets.map((t) => ({ role: t.role as TeamRole, intervalDays: t.intervalDays, note: t.note })),
    reasons,
  };
}

/**
 * The admin saves the lists. Rows with an id are edited (they must be this ICB's), rows without
 * are added; nothing is deleted — a skill or requirement no longer wanted is switched off
 * (`active: false`), so the records that name it keep their meaning.
 */
export async function updateTeamSettings(
  db: Db,
  ctx: SignedInContext,
  input: TTeamSettingsUpdate,
): Promise<TeamSettings> {
  const icbId = ctx.actor.scope.icbId;
  const skillIds = new Set((await repo.findSkillsOfIcb(db, icbId)).map((s) => s.id));
  const requirementIds = new Set((await repo.findRequirementsOfIcb(db, icbId)).map((r) => r.id));
  const reasonCodes = new Set((await listReferralReasons(db, true)).map((r) => r.code));
  const problems: FieldError[] = [];
  input.skills.forEach((s, i) => {
    if (s.id !== null && !skillIds.has(s.id))
      problems.push({ field: `skills.${i}.id`, message: 'is not a skill in the list' });
    s.reasonCodes.forEach((c, j) => {
      if (!reasonCodes.has(c))
        problems.push({ field: `skills.${i}.reasonCodes.${j}`, message: 'is not a referral reason' });
    });
  });
  input.requirements.forEach((r, i) => {
    if (r.id !== null && !requirementIds.has(r.id)) {
      problems.push({ field: `requirements.${i}.id`, message: 'is not a training requirement in the list' });
    }
  });
  if (problems.length > 0) throw validationError(problems);

  try {
    await runUseCase(db, ctx, async (tx) => {
      await repo.lockSettingsOf(tx, icbId);
      let added = 0;
      for (const [i, s] of input.skills.entries()) {
        const values = { label: s.label, reasonCodes: s.reasonCodes, active: s.active, sortOrder: (i + 1) * 10 };
        if (s.id) await repo.updateSkill(tx, icbId, s.id, values);
        else {
          await repo.insertSkill(tx, { ...values, icbId });
          added++;
        }
      }
      for (const [i, r] of input.requirements.entries()) {
        const { id, ...values } = r;
        const row = { ...values, sortOrder: (i + 1) * 10 };
        if (id) await repo.updateRequirement(tx, icbId, id, row);
        else {
          await repo.insertRequirement(tx, { ...row, icbId });
          added++;
        }
      }
      for (const t of input.targets) await repo.upsertTarget(tx, { icbId, ...t });
      await writeAudit(tx, ctx, {
        action: 'team.settings.update',
        entityType: 'icb',
        entityId: icbId,
        details: {
          skills: input.skills.length,
          requirements: input.requirements.length,
          targets: input.targets.map((t) => `${t.role}:${t.intervalDays}`),
          added,
        },
      });
    });
  } catch (err) {
    // A new skill named like one left out of the list (so not compared in the request).
    if (isUniqueViolation(err, 'team_skills_label_uq')) {
      throw validationError([
        { field: 'skills', message: 'has a skill with the same name as one already in the list' },
      ]);
    }
    throw err;
  }
  return getTeamSettings(db, ctx);
}
