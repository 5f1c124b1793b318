import { describe, expect, it } from 'vitest';
import { FhirError } from './operation-outcome.js';
import { lastUpdated, paging, readQuery, referenceId, token } from './search-params.js';

const params = (entries: Record<string, string | string[]>) =>
  new Map(Object.entries(entries).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));

function refusal(run: () => unknown): { status: number; expression: string | undefined } {
  try {
    run();
  } catch (err) {
    if (err instanceof FhirError) return { status: err.status, expression: err.issues[0]?.expression };
    throw err;
  }
  throw new Error('not refused');
}

describe('_lastUpdated', () => {
  it('reads a day as the whole day, per prefix', () => {
    const day = (p: string) => lastUpdated(params({ _lastUpdated: `${p}2026-03-01` }))?.[0];
    const start = new Date('2026-03-01T00:00:00Z');
    const next = new Date('2026-03-02T00:00:00Z');
    expect(day('')).toEqual({ from: start, before: next });
    expect(day('eq')).toEqual({ from: start, before: next });
    expect(day('gt')).toEqual({ from: next });
    expect(day('ge')).toEqual({ from: start });
    expect(day('lt')).toEqual({ before: start });
    expect(day('le')).toEqual({ before: next });
  });

  it('reads a date-time to its precision, with its zone', () => {
    expect(lastUpdated(params({ _lastUpdated: 'gt2026-03-01T09:30:00+01:00' }))).toEqual([
      { from: new Date('2026-03-01T08:30:01Z') },
    ]);
  });

  it('refuses what is not a date, an impossible date, a date-time without a zone, and a third bound', () => {
    for (const value of ['yesterday', '2026-02-30', '2026-03-01T09:30:00', 'ne2026-03-01', 'gt']) {
      expect(
        refusal(() => lastUpdated(params({ _lastUpdated: value }))),
        value,
      ).toEqual({
        status: 400,
        expression: '_lastUpdated',
      });
    }
    expect(
      refusal(() => lastUpdated(params({ _lastUpdated: ['ge2026-01-01', 'lt2026-02-01', 'lt2026-03-01'] }))),
    ).toEqual({ status: 400, expression: '_lastUpdated' });
  });
});

describe('the other parameters', () => {
  it('refuses a parameter the resource does not take, naming it', () => {
    expect(refusal(() => readQuery({ subject: 'x' }, ['patient']))).toEqual({ status: 400, expression: 'subject' });
    expect(readQuery({ patient: 'x', _count: '5' }, ['patient']).get('patient')).toEqual(['x']);
  });

  it('pages within the bounds', () => {
    expect(paging(params({}))).toEqual({ count: 20, offset: 0 });
    expect(paging(params({ _count: '100', _offset: '40' }))).toEqual({ count: 100, offset: 40 });
    for (const [name, value] of [
      ['_count', '0'],
      ['_count', '101'],
      ['_count', '1e2'],
      ['_offset', '-1'],
      ['_offset', '10001'],
    ] as const) {
      expect(
        refusal(() => paging(params({ [name]: value }))),
        `${name}=${value}`,
      ).toEqual({
        status: 400,
        expression: name,
      });
    }
  });

  it('reads tokens and references', () => {
    expect(token('https://fhir.nhs.uk/Id/nhs-number|9990000018')).toEqual({
      system: 'https://fhir.nhs.uk/Id/nhs-number',
      code: '9990000018',
    });
    expect(token('|abc')).toEqual({ system: '', code: 'abc' });
    expect(token('abc')).toEqual({ system: undefined, code: 'abc' });
    expect(referenceId('patient', 'Patient/abc-1', 'Patient')).toBe('abc-1');
    expect(referenceId('patient', 'https://x.example/fhir/R4/Patient/abc', 'Patient')).toBe('abc');
    expect(referenceId('patient', 'abc', 'Patient')).toBe('abc');
    expect(refusal(() => referenceId('patient', 'Practitioner/abc', 'Patient'))).toEqual({
      status: 400,
      expression: 'patient',
    });
  });
});
