import type { ReferralSettingsView } from '../../../../common/referral-settings.js';
import { writeAudit, writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { notFound } from '../../../platform/errors.js';
import { runUseCase } from '../../../platform/use-case.js';
import { staffByIds } from '../../users/users.service.js';
import * as repo from './referral-settings.repository.js';
import { REFERRAL_DEFAULTS } from './referral-target.js';

// Reading and setting how a service takes referrals. Operational settings, not listing text, so
// they are set directly (no moderation): by the directory reviewers of the service's ICB, or by
// the partner users of the organisation that runs it. Last write wins; each write's audit row
// keeps the settings before and after.

/** Who edits: a reviewer (any service of their ICB) or a partner (their own organisation's). */
export type SettingsEditor = 'reviewer' | 'partner';

type Found = NonNullable<Awaited<ReturnType<typeof repo.findServiceWithSettings>>>;

/**
 * The service when the editor may set it; anything else answers 404 alike (audited), so the
 * answer never confirms that another ICB's or another organisation's listing exists.
 */
async function serviceFor(
  db: DbOrTx,
  ctx: SignedInContext,
  as: SettingsEditor,
  serviceId: string,
  lock = false,
): Promise<Found> {
  const { scope } = ctx.actor;
  const found = await repo.findServiceWithSettings(db, scope.icbId, serviceId, lock);
  const mine =
    as === 'reviewer' || (scope.kind === 'vcs' && found?.service.vcsOrganisationId === scope.vcsOrganisationId);
  if (found && mine) return found;
  await writeAuditAlone(db, ctx, {
    action: 'directory.referral-settings',
    outcome: 'denied',
    entityType: 'directory_service',
    entityId: serviceId,
    details: { reason: found ? 'another organisation' : 'no such service in the ICB' },
  });
  throw notFound('service');
}

type Settings = Pick<
  repo.SettingsRow,
  'takesReferrals' | 'takesSelfReferrals' | 'referralEmail' | 'referralMobile' | 'replyWorkingDays'
>;

const settingsOf = (row: repo.SettingsRow | null): Settings => ({
  takesReferrals: row?.takesReferrals ?? REFERRAL_DEFAULTS.takesReferrals,
  takesSelfReferrals: row?.takesSelfReferrals ?? REFERRAL_DEFAULTS.takesSelfReferrals,
  referralEmail: row?.referralEmail ?? null,
  referralMobile: row?.referralMobile ?? null,
  replyWorkingDays: row?.replyWorkingDays ?? REFERRAL_DEFAULTS.replyWorkingDays,
});

async function viewOf(db: DbOrTx, { service, settings }: Found): Promise<ReferralSettingsView> {
  const [by] = settings?.updatedByUserId ? await staffByIds(db, [settings.updatedByUserId]) : [];
  return {
    service: { id: service.id, name: service.name, organisationName: service.organisationName },
    ...settingsOf(settings),
    listingEmail: service.serviceEmail ?? service.organisationEmail ?? null,
    saved: settings !== null,
    updatedAt: settings?.updatedAt.toISOString() ?? null,
    updatedBy: settings ? (by?.name ?? null) : null,
  };
}

export async function getReferralSettings(
  db: Db,
  ctx: SignedInContext,
  as: SettingsEditor,
  serviceId: string,
): Promise<ReferralSettingsView> {
  return viewOf(db, await serviceFor(db, ctx, as, serviceId));
}

export async function setReferralSettings(
  db: Db,
  ctx: SignedInContext,
  as: SettingsEditor,
  serviceId: string,
  input: Omit<Settings, 'referralMobile'> & { referralMobile?: string | null },
): Promise<ReferralSettingsView> {
  await serviceFor(db, ctx, as, serviceId);
  return runUseCase(db, ctx, async (tx, actor) => {
    const current = await serviceFor(tx, ctx, as, serviceId, true);
    const saved = await repo.saveSettings(tx, {
      serviceId,
      ...input,
      referralMobile: input.referralMobile ?? null,
      updatedAt: new Date(),
      updatedByUserId: actor.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'directory.referral-settings.update',
      entityType: 'directory_service',
      entityId: serviceId,
      details: { by: as, before: current.settings ? settingsOf(current.settings) : null, after: settingsOf(saved) },
    });
    return viewOf(tx, { service: current.service, settings: saved });
  });
}
