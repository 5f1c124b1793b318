import { nhsNumberProblem } from '../../../common/nhs-number.js';
import { DAY, isoDay } from './calendar.js';
import { FAMILY_NAMES, GIVEN_NAMES, LANGUAGES } from './names.js';
import type { Organisations, Practice } from './organisations.js';
import type { Places } from './places.js';
import { type IcbRandom, pickWeighted } from './random.js';
import type { TableWriter } from './table-writer.js';
import { PEOPLE, PERSON_LINKS } from './tables.js';

// The people referred: registered at the ICB's practices (in proportion to list size), mostly
// living near their practice, older than the list as a whole (as social prescribing is), with
// the equality answers in realistic mixes: "prefer not to say" answered, and null where never asked.

export interface Person {
  id: string;
  practice: Practice;
  /** The referral's copy of the person, as intake keeps it (JSON). */
  details: string;
  birthYear: number;
}

/** Age at referral by band, as social prescribing caseloads skew. */
const AGE_TABLE: readonly (readonly [[number, number], number])[] = [
  [[16, 17], 2],
  [[18, 24], 6],
  [[25, 34], 10],
  [[35, 44], 12],
  [[45, 54], 15],
  [[55, 64], 16],
  [[65, 74], 16],
  [[75, 84], 15],
  [[85, 99], 8],
];
const SEX = [
  ['female', 56],
  ['male', 40],
  ['not_stated', 1.5],
  [null, 2.5],
] as const;
const ETHNICITY = [
  ['A', 70],
  ['B', 1],
  ['C', 3.5],
  ['D', 0.6],
  ['E', 0.4],
  ['F', 0.5],
  ['G', 0.5],
  ['H', 2.5],
  ['J', 3],
  ['K', 1],
  ['L', 1],
  ['M', 0.6],
  ['N', 1.5],
  ['P', 0.3],
  ['R', 0.5],
  ['S', 1.1],
  ['Z', 4],
  [null, 8],
] as const;
const SELF_DESCRIBED = ['Genderfluid', 'Agender', 'Demi-girl', 'Two-spirit'];

/**
 * NHS numbers from the 999 range (never issued to anyone): the 9-digit stems are walked with a
 * stride coprime to a million from a seeded start, so all are distinct; stems whose Modulus 11
 * check digit would be 10 are skipped, as the NHS does.
 */
export function* syntheticNhsNumbers(random: IcbRandom): Generator<string> {
  let stem = random.int(0, 999_999);
  for (;;) {
    stem = (stem + 7919) % 1_000_000;
    const base = `999${String(stem).padStart(6, '0')}`;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(base[i]) * (10 - i);
    const check = (11 - (sum % 11)) % 11;
    if (check === 10) continue;
    const nhs = `${base}${check}`;
    if (nhsNumberProblem(nhs) === null) yield nhs;
  }
}

export function createPeople(
  writer: TableWriter,
  random: IcbRandom,
  opts: { icbId: string; count: number; organisations: Organisations; places: Places; start: number; now: number },
): Person[] {
  const { practices, listTotal } = opts.organisations;
  const cumulative: number[] = [];
  let sum = 0;
  for (const p of practices) {
    sum += p.listSize;
    cumulative.push(sum);
  }
  const practiceAt = (x: number) => {
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return practices[lo] as Practice;
  };
  const nhsNumbers = syntheticNhsNumbers(random);
  const people: Person[] = [];
  const nowYear = new Date(opts.now).getUTCFullYear();
  for (let i = 0; i < opts.count; i++) {
    const practice = practiceAt(random.next() * listTotal);
    const [minAge, maxAge] = pickWeighted(random, AGE_TABLE);
    const dob = isoDay(opts.now - (random.int(minAge, maxAge) * 365.25 + random.int(0, 364)) * DAY);
    const district = random.chance(0.85) ? practice.district : random.int(0, opts.places.byDistrict.length - 1);
    const postcodes = opts.places.byDistrict[district] ?? [];
    const postcode = postcodes.length && random.chance(0.97) ? random.pick(postcodes) : null;
    const given = random.pick(GIVEN_NAMES);
    const family = random.pick(FAMILY_NAMES);
    const nhs = random.chance(0.985) ? (nhsNumbers.next().value as string) : null;
    const phone = random.chance(0.9) ? `07700 900${String(random.int(0, 999)).padStart(3, '0')}` : null;
    const preferred = phone ? random.pick(['phone', 'phone', 'phone', 'text'] as const) : 'letter';
    const language = random.chance(0.93) ? 'English' : random.pick(LANGUAGES.filter((l) => l !== 'Welsh'));
    const interpreter = language !== 'English' && random.chance(0.5);
    const sex = pickWeighted(random, SEX);
    const identity = equalityIdentity(random, sex);
    const ethnicity = pickWeighted(random, ETHNICITY);
    const id = random.uuid();
    const created = new Date(opts.start - random.int(0, 730) * DAY);
    writer.add(PEOPLE, [
      id,
      opts.icbId,
      nhs,
      given,
      family,
      dob,
      postcode,
      phone,
      preferred,
      language,
      interpreter,
      practice.id,
      sex,
      identity.identity,
      identity.description,
      ethnicity,
      created,
      created,
    ]);
    writer.add(PERSON_LINKS, [id, opts.icbId, practice.pcn.id, practice.id, created]);
    const details = JSON.stringify({
      nhsNumber: nhs,
      givenName: given,
      familyName: family,
      dateOfBirth: dob,
      postcode,
      phone,
      email: null,
      preferredContact: preferred,
      language,
      interpreterNeeded: interpreter,
      accessibilityNeeds: null,
      registeredPracticeId: practice.id,
    });
    people.push({ id, practice, details, birthYear: nowYear - Number(dob.slice(0, 4)) });
  }
  return people;
}

function equalityIdentity(
  random: IcbRandom,
  sex: string | null,
): { identity: string | null; description: string | null } {
  if (random.chance(0.3)) return { identity: null, description: null };
  const r = random.next();
  if (r < 0.005) return { identity: 'non_binary', description: null };
  if (r < 0.008) return { identity: 'self_described', description: random.pick(SELF_DESCRIBED) };
  if (r < 0.04 || sex === 'not_stated' || sex === null) return { identity: 'not_stated', description: null };
  return { identity: sex === 'female' ? 'woman' : 'man', description: null };
}
