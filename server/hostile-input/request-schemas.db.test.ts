import { describe, expect, it } from 'vitest';
import { INT4_MAX, INT4_MIN } from '../../common/schemas/numbers.js';
import { createTestApp } from '../test/toolkit.js';
import {
  DATE_ATTACKS,
  DATE_TIME_ATTACKS,
  type Field,
  fieldName,
  fieldsOf,
  isDateField,
  refusesAt,
  TEXT_ATTACKS,
  withValueAt,
} from './request-fields.js';
import { type Part, requestSchemas, routeLabel, routesTakingInput, routesWithParams } from './route-table.js';

// The structural rule behind issue 9, finding 5, checked on every request schema of the live
// route table, so that a route added tomorrow with a bare z.string() or z.number() fails here:
//  - every string refuses control characters and has a length limit;
//  - every integer is bounded within PostgreSQL's integer, every other number is bounded;
//  - every date or date-time refuses year 0, year 10000 and days that do not exist.
// Each rule is asked of the schema itself (a value at the field's path must be refused there), so
// it holds however the schema is written.

const ctx = await createTestApp();
const routes = [...new Set([...routesTakingInput(ctx.routes), ...routesWithParams(ctx.routes)])];

interface Checked {
  route: string;
  part: Part;
  field: Field;
}
const checked: Checked[] = [];
const problems: string[] = [];

/** Query strings, parameters and headers arrive as text. */
const asText = (part: Part) => part !== 'body';

function check(route: string, part: Part, schema: Parameters<typeof fieldsOf>[0]) {
  for (const field of fieldsOf(schema)) {
    checked.push({ route, part, field });
    const where = `${route} ${part} ${fieldName(field.path) || '(the whole value)'}`;
    const refuses = (value: unknown) => refusesAt(schema, withValueAt(undefined, field.path, value), field.path);
    if (field.type === 'string') {
      for (const attack of TEXT_ATTACKS) {
        if (!refuses(attack)) problems.push(`${where}: accepts ${JSON.stringify(attack)}`);
      }
      if (field.maxLength === undefined && !refuses('x'.repeat(100_001))) {
        problems.push(`${where}: has no length limit`);
      }
      if (isDateField(field)) {
        for (const attack of [...DATE_ATTACKS, ...DATE_TIME_ATTACKS]) {
          if (!refuses(attack)) problems.push(`${where}: accepts the date ${attack}`);
        }
      }
    }
    if (field.type === 'integer' || field.type === 'number') {
      const bounded =
        field.minimum !== undefined &&
        field.maximum !== undefined &&
        (field.type === 'number' || (field.minimum >= INT4_MIN && field.maximum <= INT4_MAX));
      if (!bounded) problems.push(`${where}: ${field.type} bounds ${field.minimum}..${field.maximum}`);
      for (const attack of [2 ** 31, -(2 ** 31) - 1]) {
        const value = asText(part) ? String(attack) : attack;
        if (!refuses(value)) problems.push(`${where}: accepts ${attack}`);
      }
    }
  }
}

describe('every request schema of every route', () => {
  it('walks the live route table', () => {
    for (const route of routes) {
      for (const [part, schema] of Object.entries(requestSchemas(route)))
        check(routeLabel(route), part as Part, schema);
    }
    // Enough routes and fields that the walk cannot have silently found nothing.
    expect(routes.length).toBeGreaterThan(50);
    expect(checked.filter((c) => c.field.type === 'string').length).toBeGreaterThan(300);
    expect(checked.filter((c) => c.field.type === 'integer').length).toBeGreaterThan(20);
    expect(checked.filter((c) => isDateField(c.field)).length).toBeGreaterThan(20);
  });

  it('refuses control characters and over-long text, integers past 32 bits, and impossible dates', () => {
    expect(problems).toEqual([]);
  });
});
