import type { FieldChange, ListingInput } from '../../../../common/directory.js';

// Field-level comparison of two listing documents, for HSDS metadata and the moderation diff.
// Children are matched by id (a child without an id is new), so reordering is not a change.

type Flat = Map<string, { value: string; resourceType: string; resourceId: string }>;

const SERVICE_FIELDS = [
  'organization_id',
  'name',
  'description',
  'url',
  'email',
  'status',
  'fees',
  'accreditations',
  'minimum_age',
  'maximum_age',
  'eligibility_description',
  'alert',
  'referral_capacity',
  'review_interval_months',
] as const satisfies readonly (keyof ListingInput)[];

const CHILDREN = {
  phones: { type: 'phone', fields: ['number', 'description'] },
  contacts: { type: 'contact', fields: ['name', 'title', 'email'] },
  languages: { type: 'language', fields: ['name', 'code'] },
  cost_options: { type: 'cost_option', fields: ['option', 'amount', 'amount_description'] },
  service_areas: { type: 'service_area', fields: ['name', 'description'] },
  schedules: {
    type: 'schedule',
    fields: [
      'freq',
      'interval',
      'byday',
      'bymonthday',
      'opens_at',
      'closes_at',
      'valid_from',
      'valid_to',
      'description',
      'notes',
      'attending_type',
      'location_id',
    ],
  },
  locations: {
    type: 'location',
    fields: ['location_type', 'name', 'description', 'latitude', 'longitude', 'confidential', 'accessibility'],
  },
} as const;

const ADDRESS_FIELDS = ['address_1', 'address_2', 'city', 'region', 'postal_code'] as const;

/** How a value is written in the change log: empty for nothing, lists joined with "; ". */
export function fieldText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(fieldText).join('; ');
  if (typeof value === 'number') return String(Number(value));
  return String(value);
}

function flatten(listing: ListingInput): Flat {
  const flat: Flat = new Map();
  const serviceId = listing.id ?? '';
  const put = (field: string, value: unknown, resourceType: string, resourceId: string) => {
    flat.set(field, { value: fieldText(value), resourceType, resourceId });
  };
  for (const f of SERVICE_FIELDS) put(f, listing[f], 'service', serviceId);
  put('taxonomy_term_ids', [...listing.taxonomy_term_ids].sort(), 'attribute', serviceId);
  for (const [key, spec] of Object.entries(CHILDREN)) {
    const items = (listing[key as keyof typeof CHILDREN] ?? []) as unknown as Record<string, unknown>[];
    items.forEach((item, i) => {
      const id = (item.id as string | undefined) ?? `new-${i + 1}`;
      for (const f of spec.fields) put(`${key}[${id}].${f}`, item[f], spec.type, id);
      if (key === 'locations') {
        const address = (item.address ?? null) as Record<string, unknown> | null;
        for (const f of ADDRESS_FIELDS) put(`${key}[${id}].address.${f}`, address?.[f], 'address', id);
      }
    });
  }
  return flat;
}

/** Every field whose value differs between `before` and `after` (a missing child counts as empty). */
export function diffListings(before: ListingInput, after: ListingInput): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const changes: FieldChange[] = [];
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    const was = a.get(field);
    const now = b.get(field);
    const previous = was?.value ?? '';
    const replacement = now?.value ?? '';
    if (previous === replacement) continue;
    const where = now ?? was;
    changes.push({
      field,
      resource_type: where?.resourceType ?? 'service',
      resource_id: where?.resourceId ?? '',
      previous,
      replacement,
    });
  }
  return changes;
}
