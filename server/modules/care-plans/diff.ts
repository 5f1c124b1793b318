import type { PlanChange } from '../../../common/care-plan.js';

type Leaf = string | number | boolean | null;

/** Every leaf of a JSON value by dotted path (`goals.0.progress.1.score`). */
function leaves(value: unknown, prefix: string, out: Map<string, Leaf>): Map<string, Leaf> {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      leaves(item, prefix ? `${prefix}.${i}` : String(i), out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) leaves(item, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out.set(prefix, (value ?? null) as Leaf);
  }
  return out;
}

/**
 * Field-by-field difference between two versions of a plan, in the order fields appear (the
 * older version's order, then fields only the newer one has). Lists are compared by position.
 */
export function diffPlans(from: unknown, to: unknown): PlanChange[] {
  const a = leaves(from, '', new Map());
  const b = leaves(to, '', new Map());
  const changes: PlanChange[] = [];
  for (const [field, value] of a) {
    if (!b.has(field)) changes.push({ field, kind: 'removed', from: value, to: null });
    else if (b.get(field) !== value) changes.push({ field, kind: 'changed', from: value, to: b.get(field) ?? null });
  }
  for (const [field, value] of b) {
    if (!a.has(field)) changes.push({ field, kind: 'added', from: null, to: value });
  }
  return changes;
}
