import { beforeAll } from 'vitest';
import type { Role } from '../../common/roles.js';
import type { users } from '../modules/users/users.tables.js';
import type { Session, TestAppOptions, TestContext, TestTenancy, TestUser } from './toolkit.js';
import { createTestApp, createTestTenancy, createTestUser, signIn, signInWithNewSecondFactor } from './toolkit.js';

/**
 * How a member signs in: with a password, or (as admins must at their first sign-in) by also
 * enrolling a second factor; `false` leaves them signed out (a user others act on).
 */
export type SignInMode = 'password' | 'second-factor' | false;

/** Where a tenancy of the set-up sits: another PCN of the home ICB, or a new ICB altogether. */
export type TenancyPlace = 'same-icb' | 'new-icb';

/**
 * A member of a test team: a role, or a role with the user's columns (name, caseload…), the
 * tenancy they belong to (`at`, by name; the home tenancy when left out) and how they sign in.
 */
export type MemberSpec<Place extends string = never> =
  | Role
  | (Partial<typeof users.$inferInsert> & { role: Role; at?: Place; signIn?: SignInMode });

/** A signed-in member is both the user and their session: `tom.id`, `tom.headers`. */
export type SignedInMember = TestUser & Session & { secret?: string };
export type TeamMember<S> = S extends { signIn: false } ? TestUser : SignedInMember;
export type TeamMembers<M> = { [K in keyof M]: TeamMember<M[K]> };

const signInModeOf = (spec: MemberSpec<string>): SignInMode =>
  typeof spec === 'string'
    ? spec === 'admin'
      ? 'second-factor'
      : 'password'
    : (spec.signIn ?? (spec.role === 'admin' ? 'second-factor' : 'password'));

async function createMember(
  ctx: TestContext,
  tenancy: TestTenancy,
  spec: MemberSpec<string>,
): Promise<TestUser | SignedInMember> {
  const { role, at: _at, signIn: _signIn, ...columns } = typeof spec === 'string' ? { role: spec } : spec;
  const user = await createTestUser(ctx.db, tenancy, role, columns);
  const mode = signInModeOf(spec);
  if (mode === false) return user;
  const session = mode === 'second-factor' ? await signInWithNewSecondFactor(ctx, user) : await signIn(ctx, user);
  return { ...user, ...session };
}

/**
 * A PCN team of named members, each created (in the order given) and signed in through the API.
 * The team's tenancy is a new one unless given; `places` are the other tenancies members may be
 * `at`.
 */
export async function createTestTeam<M extends Record<string, MemberSpec<string>>>(
  ctx: TestContext,
  members: M,
  { tenancy, places = {} }: { tenancy?: TestTenancy; places?: Record<string, TestTenancy> } = {},
): Promise<TeamMembers<M> & { tenancy: TestTenancy }> {
  const home = tenancy ?? (await createTestTenancy(ctx.db));
  const team: Record<string, TestUser | SignedInMember> = {};
  for (const [name, spec] of Object.entries(members)) {
    const at = typeof spec === 'string' || !spec.at ? home : places[spec.at];
    if (!at) throw new Error(`member ${name} is at ${String(typeof spec === 'object' && spec.at)}, not a tenancy here`);
    team[name] = await createMember(ctx, at, spec);
  }
  return { ...(team as TeamMembers<M>), tenancy: home };
}

export interface TestAppSetUp<T extends Record<string, TenancyPlace>, M> {
  /** `createTestApp`'s config overrides and options. */
  config?: Record<string, string>;
  app?: TestAppOptions;
  /** Further tenancies by name, created after the home one. */
  tenancies?: T;
  team?: M;
}

/**
 * The usual prologue of a database test file in one call: at `beforeAll`, a test app, the home
 * tenancy, the named further tenancies and the signed-in team. It returns at once, so that a file
 * can destructure at its top level what it uses: each object is filled in place when the
 * `beforeAll` runs, and must not be read before (in a test, a hook or a helper called by them).
 */
export function setUpTestApp<
  T extends Record<string, TenancyPlace> = Record<never, TenancyPlace>,
  M extends Record<string, MemberSpec<keyof T & string>> = Record<never, never>,
>(
  setUp: TestAppSetUp<T, M> = {},
): { ctx: TestContext; tenancy: TestTenancy } & { [K in keyof T]: TestTenancy } & TeamMembers<M> {
  const ctx = {} as TestContext;
  const tenancy = {} as TestTenancy;
  const places = Object.fromEntries(Object.keys(setUp.tenancies ?? {}).map((name) => [name, {} as TestTenancy]));
  const members = Object.fromEntries(Object.keys(setUp.team ?? {}).map((name) => [name, {}]));
  beforeAll(async () => {
    Object.assign(ctx, await createTestApp(setUp.config, setUp.app));
    Object.assign(tenancy, await createTestTenancy(ctx.db));
    for (const [name, place] of Object.entries(setUp.tenancies ?? {})) {
      Object.assign(
        places[name] as TestTenancy,
        await createTestTenancy(ctx.db, place === 'same-icb' ? tenancy.icbId : undefined),
      );
    }
    const team: Record<string, unknown> = await createTestTeam(ctx, setUp.team ?? {}, { tenancy, places });
    for (const name of Object.keys(members)) Object.assign(members[name] as object, team[name]);
  });
  return { ctx, tenancy, ...places, ...members } as { ctx: TestContext; tenancy: TestTenancy } & {
    [K in keyof T]: TestTenancy;
  } & TeamMembers<M>;
}
