// An onward referral is the team's (sent by a worker from a case) or the resident's own
// (a self-referral from the public directory, with no team, case, person record or worker).
// The team's code paths take the first kind only, narrowed here once rather than by each use.

interface SourcedRow {
  source: 'team' | 'self';
  pcnId: string | null;
  referralId: string | null;
  personId: string | null;
  createdByUserId: string | null;
}

export type TeamOnward<T extends SourcedRow> = T & {
  source: 'team';
  pcnId: string;
  referralId: string;
  personId: string;
  createdByUserId: string;
};

/** The row as a team's onward referral, or null for a resident's self-referral. */
export function asTeamOnward<T extends SourcedRow>(row: T): TeamOnward<T> | null {
  if (row.source !== 'team' || !row.pcnId || !row.referralId || !row.personId || !row.createdByUserId) return null;
  return row as TeamOnward<T>;
}
