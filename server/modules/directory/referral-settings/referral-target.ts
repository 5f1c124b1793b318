import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { DEFAULT_REPLY_WORKING_DAYS } from '../../../../common/onward-referrals.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { directoryOrganizations, directoryServices } from '../directory.tables.js';
import { directoryPhones } from '../directory-details.tables.js';
import { serviceReferralSettings } from '../directory-partner.tables.js';

// What the onward referral needs to know about the service a worker chose: where it stands
// (status, capacity, merged), who runs it and whether that organisation has a partner in
// Waymark, and how it takes referrals (its settings, or the defaults when it has none).

export interface ReferralSettings {
  takesReferrals: boolean;
  takesSelfReferrals: boolean;
  /** Where a secure link goes: the settings' address, else the listing's, else its organisation's. */
  referralEmail: string | null;
  /** Where a secure link goes by text when there is no email at all. */
  referralMobile: string | null;
  replyWorkingDays: number;
}

export interface ReferralTarget {
  id: string;
  icbId: string;
  name: string;
  status: string;
  referralCapacity: string;
  mergedInto: { id: string; name: string } | null;
  organisation: { id: string; name: string; vcsOrganisationId: string | null };
  settings: ReferralSettings;
}

const mergedService = alias(directoryServices, 'merged_service');

/** How a service without settings of its own takes referrals. */
export const REFERRAL_DEFAULTS = {
  takesReferrals: true,
  takesSelfReferrals: false,
  replyWorkingDays: DEFAULT_REPLY_WORKING_DAYS,
};

/**
 * The service in the ICB, or null (another ICB's listing is not found). `icbId` null: any ICB's,
 * for the public directory, which is open to everyone (a resident's self-referral).
 */
export async function findReferralTarget(
  db: DbOrTx,
  icbId: string | null,
  serviceId: string,
): Promise<ReferralTarget | null> {
  const [row] = await db
    .select({
      id: directoryServices.id,
      icbId: directoryServices.icbId,
      name: directoryServices.name,
      status: directoryServices.status,
      referralCapacity: directoryServices.referralCapacity,
      serviceEmail: directoryServices.email,
      mergedIntoId: mergedService.id,
      mergedIntoName: mergedService.name,
      organisationId: directoryOrganizations.id,
      organisationName: directoryOrganizations.name,
      organisationEmail: directoryOrganizations.email,
      vcsOrganisationId: directoryOrganizations.vcsOrganisationId,
      takesReferrals: serviceReferralSettings.takesReferrals,
      takesSelfReferrals: serviceReferralSettings.takesSelfReferrals,
      referralEmail: serviceReferralSettings.referralEmail,
      referralMobile: serviceReferralSettings.referralMobile,
      replyWorkingDays: serviceReferralSettings.replyWorkingDays,
    })
    .from(directoryServices)
    .innerJoin(directoryOrganizations, eq(directoryOrganizations.id, directoryServices.organizationId))
    .leftJoin(mergedService, eq(mergedService.id, directoryServices.mergedIntoId))
    .leftJoin(serviceReferralSettings, eq(serviceReferralSettings.serviceId, directoryServices.id))
    .where(and(eq(directoryServices.id, serviceId), icbId ? eq(directoryServices.icbId, icbId) : undefined));
  if (!row) return null;
  return {
    id: row.id,
    icbId: row.icbId,
    name: row.name,
    status: row.status,
    referralCapacity: row.referralCapacity,
    mergedInto: row.mergedIntoId ? { id: row.mergedIntoId, name: row.mergedIntoName ?? '' } : null,
    organisation: { id: row.organisationId, name: row.organisationName, vcsOrganisationId: row.vcsOrganisationId },
    settings: {
      takesReferrals: row.takesReferrals ?? REFERRAL_DEFAULTS.takesReferrals,
      takesSelfReferrals: row.takesSelfReferrals ?? REFERRAL_DEFAULTS.takesSelfReferrals,
      referralEmail: row.referralEmail ?? row.serviceEmail ?? row.organisationEmail ?? null,
      referralMobile: row.referralMobile ?? null,
      replyWorkingDays: row.replyWorkingDays ?? REFERRAL_DEFAULTS.replyWorkingDays,
    },
  };
}

/** How each service takes referrals (the defaults for a service with no settings row). */
export async function referralSettingsOf(
  db: DbOrTx,
  serviceIds: readonly string[],
): Promise<Map<string, Omit<ReferralSettings, 'referralEmail' | 'referralMobile'>>> {
  const result = new Map<string, Omit<ReferralSettings, 'referralEmail' | 'referralMobile'>>(
    serviceIds.map((id) => [id, { ...REFERRAL_DEFAULTS }]),
  );
  if (serviceIds.length === 0) return result;
  const rows = await db
    .select({
      serviceId: serviceReferralSettings.serviceId,
      takesReferrals: serviceReferralSettings.takesReferrals,
      takesSelfReferrals: serviceReferralSettings.takesSelfReferrals,
      replyWorkingDays: serviceReferralSettings.replyWorkingDays,
    })
    .from(serviceReferralSettings)
    .where(inArray(serviceReferralSettings.serviceId, [...serviceIds]));
  for (const { serviceId, ...settings } of rows) result.set(serviceId, settings);
  return result;
}

/**
 * A resident may refer themselves to the service through Waymark now: its settings say it takes
 * self-referrals, it is open (active, not full, not merged away) and a referral can reach the
 * organisation (its partner's inbox, or an email address for a secure link).
 */
export function selfReferralOpen(target: ReferralTarget): boolean {
  return (
    target.settings.takesSelfReferrals &&
    target.mergedInto === null &&
    target.status === 'active' &&
    target.referralCapacity !== 'full' &&
    (target.organisation.vcsOrganisationId !== null || linkAddressOf(target.settings) !== null)
  );
}

/** How the public reaches the service (its listing's first phone number and its email), for a resident's status page. */
export async function publicContactOf(
  db: DbOrTx,
  serviceId: string,
): Promise<{ phone: string | null; email: string | null }> {
  const [service] = await db
    .select({ email: directoryServices.email })
    .from(directoryServices)
    .where(eq(directoryServices.id, serviceId));
  const [phone] = await db
    .select({ number: directoryPhones.number })
    .from(directoryPhones)
    .where(eq(directoryPhones.serviceId, serviceId))
    .orderBy(asc(directoryPhones.number))
    .limit(1);
  return { phone: phone?.number ?? null, email: service?.email ?? null };
}

/** Where a secure link to an organisation goes: an email address, or a mobile number for a text. */
export type LinkAddress = { email: string; mobile?: undefined } | { mobile: string; email?: undefined };

/** The organisation's address for secure links: its email when it has one, else its mobile; null when neither. */
export function linkAddressOf(
  settings: Pick<ReferralSettings, 'referralEmail' | 'referralMobile'>,
): LinkAddress | null {
  if (settings.referralEmail) return { email: settings.referralEmail };
  if (settings.referralMobile) return { mobile: settings.referralMobile };
  return null;
}
