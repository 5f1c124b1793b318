import { IMPACT_MAX_MONTHS, type ImpactQuery, type ImpactReport } from '../../../../common/impact.js';
import { ONWARD_OUTCOME_LABELS, ONWARD_OUTCOMES } from '../../../../common/onward-referrals.js';
import { countFigure } from '../../../../common/suppression.js';
import { writeAuditAlone } from '../../../platform/audit/audit.js';
import type { SignedInContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/client.js';
import { notFound, validationError } from '../../../platform/errors.js';
import { isBankHoliday, londonDate } from '../../../platform/working-days.js';
import {
  directoryOrganisationsOfPartner,
  findDirectoryOrganisation,
  serviceNamesOf,
} from '../../directory/organisations/organisations.service.js';
import { organisationRef } from '../../organisations/organisations.service.js';
import { measureChangesOfCases } from '../../outcomes/outcomes.service.js';
import * as repo from './impact.repository.js';
import {
  CHANGE_INDICATORS,
  CHANGE_MEASURES,
  figuresOf,
  firstOfMonthBefore,
  measureChangeRows,
  monthsBetween,
  type PersonChange,
  type Viewer,
} from './impact-figures.js';

// Evidence of value per organisation (issue 12, point 6): a VCS partner's own organisation, or
// any directory organisation of the ICB for its staff. Aggregates only: no person is named, and
// the small-number rule applies outside the viewer's own records (impact-figures.ts says which).

/** The period asked for, or the last 12 months (from the first of the month 11 months ago). */
export function periodOf(query: ImpactQuery, today = londonDate(new Date())): { from: string; to: string } {
  const to = query.to ?? today;
  const from = query.from ?? firstOfMonthBefore(to, 11);
  if (from > to) {
    throw validationError([
      query.to
        ? { field: 'to', message: 'must be on or after the "from" date' }
        : { field: 'from', message: 'must not be after today' },
    ]);
  }
  if (monthsBetween(from, to).length > IMPACT_MAX_MONTHS) {
    throw validationError([
      { field: 'from', message: `must be less than ${IMPACT_MAX_MONTHS} months before the "to" date` },
    ]);
  }
  return { from, to };
}

/** Bank holidays from the period's first year to next year (answers may come after the period). */
function bankHolidaysFrom(from: string): string[] {
  const days: string[] = [];
  const last = `${Number(londonDate(new Date()).slice(0, 4)) + 1}-12-31`;
  for (let d = new Date(`${from.slice(0, 4)}-01-01T00:00:00Z`); ; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    if (day > last) return days;
    // Weekdays only: the SQL takes them off a count of weekdays (substitute days are weekdays).
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && isBankHoliday(day)) days.push(day);
  }
}

async function buildReport(
  db: Db,
  viewer: Viewer,
  icbId: string,
  name: string,
  organisations: { id: string; name: string }[],
  period: { from: string; to: string },
): Promise<ImpactReport> {
  const selection: repo.ImpactSelection = {
    icbId,
    organisationIds: organisations.map((o) => o.id),
    ...period,
    ownPcnId: viewer.kind === 'staff' ? viewer.ownPcnId : null,
    bankHolidays: bankHolidaysFrom(period.from),
  };
  const referralGroups = await repo.referralGroups(db, selection);
  const attendanceGroups = await repo.attendanceGroups(db, selection);
  const closed = await repo.outcomesAtClose(db, selection);
  const cases = await repo.casesReferred(db, selection);

  const overall = <T extends { byMonth: boolean; byService: boolean }>(groups: T[]) =>
    groups.find((g) => !g.byMonth && !g.byService);
  type Group = { byMonth: boolean; byService: boolean; month: string | null; serviceId: string | null };
  const byMonth = <T extends Group>(groups: T[], month: string) =>
    groups.find((g) => g.byMonth && !g.byService && g.month === month);
  const byService = <T extends Group>(groups: T[], id: string) =>
    groups.find((g) => g.byService && !g.byMonth && g.serviceId === id);
  const byServiceMonth = <T extends Group>(groups: T[], id: string, month: string) =>
    groups.find((g) => g.byService && g.byMonth && g.serviceId === id && g.month === month);
  const months = monthsBetween(period.from, period.to);

  const serviceIds = [
    ...new Set(
      [...referralGroups, ...attendanceGroups]
        .filter((g) => g.byService && !g.byMonth)
        .map((g) => g.serviceId as string),
    ),
  ];
  const names = await serviceNamesOf(db, serviceIds);

  const changes = await measureChangesOfCases(
    db,
    { kind: 'icb', icbId },
    cases.map((c) => c.referralId),
    CHANGE_MEASURES,
  );
  const personChanges: PersonChange[] = changes.flatMap((c) =>
    c.changes.map((ch) => ({
      pcnId: c.pcnId,
      measure: c.measure,
      key: ch.key,
      label: ch.label,
      direction: ch.direction,
    })),
  );

  const exactClosed = viewer.kind === 'partner' || (viewer.ownPcnId !== null && closed.every((row) => row.own));
  return {
    name,
    organisations,
    period,
    suppression: viewer.kind === 'staff' && viewer.ownPcnId === null ? 'all' : 'outside-own',
    totals: figuresOf(viewer, overall(referralGroups), overall(attendanceGroups)),
    months: months.map((month) => ({
      month,
      ...figuresOf(viewer, byMonth(referralGroups, month), byMonth(attendanceGroups, month)),
    })),
    services: serviceIds
      .map((id) => ({
        id,
        name: names.get(id) ?? 'Unknown service',
        ...figuresOf(viewer, byService(referralGroups, id), byService(attendanceGroups, id)),
        months: months.map((month) => ({
          month,
          ...figuresOf(viewer, byServiceMonth(referralGroups, id, month), byServiceMonth(attendanceGroups, id, month)),
        })),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    outcomesAtClose: ONWARD_OUTCOMES.map((outcome) => {
      const row = closed.find((r) => r.outcome === outcome);
      return {
        outcome,
        label: ONWARD_OUTCOME_LABELS[outcome],
        count: countFigure(row?.count ?? 0, exactClosed),
        exact: exactClosed,
      };
    }),
    measureChanges: measureChangeRows(viewer, personChanges, CHANGE_INDICATORS),
  };
}

type Format = 'json' | 'csv';

async function audited(
  db: Db,
  ctx: SignedInContext,
  entity: { type: string; id: string },
  period: { from: string; to: string },
  format: Format,
) {
  // Aggregates only, but who looked at which organisation's figures, and when, is worth keeping.
  await writeAuditAlone(db, ctx, {
    action: 'impact.read',
    entityType: entity.type,
    entityId: entity.id,
    details: { ...period, format },
  });
}

/** The partner's own organisation: every directory organisation it runs in the ICB. */
export async function partnerImpact(
  db: Db,
  ctx: SignedInContext,
  query: ImpactQuery,
  format: Format = 'json',
): Promise<ImpactReport> {
  const { scope } = ctx.actor;
  if (scope.kind !== 'vcs') throw notFound('organisation');
  const period = periodOf(query);
  const organisations = await directoryOrganisationsOfPartner(db, scope.icbId, scope.vcsOrganisationId);
  const vcs = await organisationRef(db, 'vcs', scope.vcsOrganisationId);
  const report = await buildReport(
    db,
    { kind: 'partner' },
    scope.icbId,
    vcs?.name ?? organisations[0]?.name ?? 'Your organisation',
    organisations.map((o) => ({ id: o.id, name: o.name })),
    period,
  );
  await audited(db, ctx, { type: 'vcs_organisation', id: scope.vcsOrganisationId }, period, format);
  return report;
}

/** A directory organisation of the user's ICB (another ICB's is not found). */
export async function organisationImpact(
  db: Db,
  ctx: SignedInContext,
  organisationId: string,
  query: ImpactQuery,
  format: Format = 'json',
): Promise<ImpactReport> {
  const { scope } = ctx.actor;
  const organisation = await findDirectoryOrganisation(db, scope.icbId, organisationId);
  if (!organisation) throw notFound('organisation');
  const period = periodOf(query);
  const viewer: Viewer = { kind: 'staff', ownPcnId: scope.kind === 'pcn' ? scope.pcnId : null };
  const report = await buildReport(
    db,
    viewer,
    scope.icbId,
    organisation.name,
    [{ id: organisation.id, name: organisation.name }],
    period,
  );
  await audited(db, ctx, { type: 'directory_organisation', id: organisation.id }, period, format);
  return report;
}
