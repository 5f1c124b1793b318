// Shapes of the JSON the API answers with, shared by server and web.
import type { Permission } from './permissions.js';
import type { Role } from './roles.js';

export type OrganisationKind = 'icb' | 'pcn' | 'practice' | 'vcs';

export interface OrganisationRef {
  kind: OrganisationKind;
  id: string;
  code: string | null;
  name: string;
}

export interface Me {
  user: {
    id: string;
    name: string;
    email: string;
    role: Role;
    roleLabel: string;
    secondFactorEnabled: boolean;
  };
  organisation: OrganisationRef;
  /** The PCN for team roles, the practice's PCN for referrers; null otherwise. */
  pcn: OrganisationRef | null;
  permissions: Permission[];
  /** Send back as the X-CSRF-Token header on every write. */
  csrfToken: string;
}

export interface SecondFactorSetup {
  secret: string;
  otpauthUri: string;
}

export type SignInResult =
  | { status: 'signed-in'; me: Me }
  | { status: 'second-factor-required' }
  | { status: 'second-factor-setup-required'; setup: SecondFactorSetup };

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  role: Role;
  roleLabel: string;
  organisation: OrganisationRef;
  band: string | null;
  fte: number | null;
  caseloadCapacity: number | null;
  /** caseloadCapacity × FTE, rounded down: the open cases this person can carry. */
  effectiveCapacity: number | null;
  active: boolean;
  secondFactorEnabled: boolean;
  version: number;
}

export interface PracticeNode {
  id: string;
  code: string;
  name: string;
}
export interface PcnNode {
  id: string;
  code: string;
  name: string;
  practices: PracticeNode[];
}
export interface VcsOrganisationNode {
  id: string;
  name: string;
  charityNumber: string | null;
}
export interface IcbNode {
  id: string;
  code: string;
  name: string;
  pcns: PcnNode[];
  vcsOrganisations: VcsOrganisationNode[];
}
export interface OrganisationTree {
  icbs: IcbNode[];
}

export interface AuditEvent {
  id: string;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  actorRole: Role | null;
  action: string;
  outcome: 'success' | 'denied' | 'failure';
  entityType: string | null;
  entityId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** RFC 9457 problem details, as every error is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; message: string }[];
}
