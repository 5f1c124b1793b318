import { z } from 'zod';
import { TEAM_ROLES } from '../../../common/roles.js';
import { zDate } from '../../../common/schemas/dates.js';
import { zInt, zVersion } from '../../../common/schemas/numbers.js';
import { zMultilineText, zText } from '../../../common/schemas/text.js';
import { FUNDING_KINDS, SUPERVISION_KINDS, WORKING_DAYS, ZBand, ZFte } from '../../../common/team.js';

const zId = (message: string) => zText(40).pipe(z.uuid(message));
const oneOf = (values: readonly string[]) => `must be one of: ${values.join(', ')}`;
const zPastDate = zDate('must be a real date, like 2026-03-12');

export const ZMemberIdParam = z.object({ id: z.uuid('must be a valid id') });

const uniqueBy =
  <T>(key: (v: T) => string, message: string) =>
  (list: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    list.forEach((v, i) => {
      const k = key(v);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i], message });
      seen.add(k);
    });
  };

export const ZProfileUpdate = z.object({
  version: zVersion('must be the version you read'),
  band: ZBand.nullable(),
  fte: ZFte.nullable(),
  workingDays: z
    .array(z.enum(WORKING_DAYS, { message: oneOf(WORKING_DAYS) }))
    .max(7, 'must list each day at most once')
    .superRefine(uniqueBy((d) => d, 'is listed twice')),
  startDate: zPastDate.nullable(),
  funding: z.enum(FUNDING_KINDS, { message: oneOf(FUNDING_KINDS) }).nullable(),
  fundingNote: zText(200).nullable(),
  languages: z
    .array(zText(60).min(2, 'must be at least 2 characters'))
    .max(20, 'must list at most 20 languages')
    .superRefine(uniqueBy((l) => l.toLowerCase(), 'is listed twice')),
  skillIds: z
    .array(zId('must be the id of a skill in the list'))
    .max(50, 'must list at most 50 skills')
    .superRefine(uniqueBy((s) => s, 'is listed twice')),
});
export type TProfileUpdate = z.infer<typeof ZProfileUpdate>;

export const ZTrainingCreate = z
  .object({
    requirementId: zId('must be the id of a training requirement of this role').nullable(),
    /** The training's name when it meets no requirement (otherwise the requirement's title is kept). */
    title: zText(200).nullable(),
    completedOn: zPastDate,
    evidenceNote: zMultilineText(2000).min(1, 'is required: say what shows it was done, like "certificate seen"'),
  })
  .superRefine((v, ctx) => {
    if (v.requirementId === null && (v.title ?? '') === '') {
      ctx.addIssue({ code: 'custom', path: ['title'], message: 'is required when the training meets no requirement' });
    }
  });
export type TTrainingCreate = z.infer<typeof ZTrainingCreate>;

export const ZSupervisionCreate = z.object({
  heldOn: zPastDate,
  supervisorId: zId('must be the id of a member of the team'),
  kind: z.enum(SUPERVISION_KINDS, { message: oneOf(SUPERVISION_KINDS) }),
  privateNotes: zMultilineText(5000).nullable(),
});
export type TSupervisionCreate = z.infer<typeof ZSupervisionCreate>;

const ZRole = z.enum(TEAM_ROLES, { message: oneOf(TEAM_ROLES) });

export const ZTeamSettingsUpdate = z.object({
  skills: z
    .array(
      z.object({
        id: zId('must be the id of a skill in the list').nullable(),
        label: zText(100).min(2, 'must be at least 2 characters'),
        reasonCodes: z.array(zText(40).min(1, 'is required')).max(30, 'must list at most 30 reasons'),
        active: z.boolean({ message: 'must be true or false' }),
      }),
    )
    .max(200, 'must list at most 200 skills')
    .superRefine(uniqueBy((s) => s.label.toLowerCase(), 'has the same name as another skill')),
  requirements: z
    .array(
      z.object({
        id: zId('must be the id of a training requirement in the list').nullable(),
        role: ZRole,
        title: zText(200).min(2, 'must be at least 2 characters'),
        source: zText(500).min(2, 'is required: say where the requirement comes from'),
        sourceUrl: zText(500)
          .pipe(z.url({ protocol: /^https$/, message: 'must be a web address starting https://' }))
          .nullable(),
        validityMonths: zInt(1, 120, {
          type: 'must be a whole number of months',
          min: 'must be at least 1 month',
          max: 'must be at most 120 months',
        }).nullable(),
        active: z.boolean({ message: 'must be true or false' }),
      }),
    )
    .max(200, 'must list at most 200 requirements'),
  targets: z
    .array(
      z.object({
        role: ZRole,
        intervalDays: zInt(1, 366, {
          type: 'must be a whole number of days',
          min: 'must be at least 1 day',
          max: 'must be at most 366 days',
        }),
        note: zText(200),
      }),
    )
    .max(TEAM_ROLES.length, 'must have one target per role')
    .superRefine(uniqueBy((t) => t.role, 'has a second target for the same role')),
});
export type TTeamSettingsUpdate = z.infer<typeof ZTeamSettingsUpdate>;
