import type { Role } from '../../../../common/roles';
import { TEAM_ROLES } from '../../../../common/roles';

export const BANDS = ['1', '2', '3', '4', '5', '6', '7', '8a', '8b', '8c', '8d', '9'] as const;

export function isTeamRole(role: Role | ''): boolean {
  return (TEAM_ROLES as readonly string[]).includes(role);
}

export const STAFF_LABELS = {
  band: 'Band',
  fte: 'Working hours (FTE)',
  caseloadCapacity: 'Caseload capacity',
};

export interface StaffNumbers {
  band: string | null;
  fte: number | null;
  caseloadCapacity: number | null;
}

/** Reads band, FTE and capacity from the form; empty means "not set". */
export function readStaffNumbers(form: FormData, fields: Record<string, string>): StaffNumbers {
  const band = String(form.get('band') ?? '').trim() || null;
  const fteText = String(form.get('fte') ?? '').trim();
  const capacityText = String(form.get('caseloadCapacity') ?? '').trim();

  let fte: number | null = null;
  if (fteText) {
    fte = Number(fteText);
    if (!Number.isFinite(fte) || fte <= 0 || fte > 1) {
      fields.fte = 'Working hours must be more than 0 and at most 1, like 0.6 for 3 days a week';
      fte = null;
    }
  }
  let caseloadCapacity: number | null = null;
  if (capacityText) {
    caseloadCapacity = Number(capacityText);
    if (!/^[0-9]+$/.test(capacityText) || caseloadCapacity > 500) {
      fields.caseloadCapacity = 'Caseload capacity must be a whole number from 0 to 500';
      caseloadCapacity = null;
    }
  }
  if (band && !(BANDS as readonly string[]).includes(band)) fields.band = 'Select a band';
  return { band, fte, caseloadCapacity };
}
