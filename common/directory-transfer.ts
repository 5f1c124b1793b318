// Import, export, duplicates and merge of the Directory of Services (issue 5, point 5).
// Shared by the server (which parses and answers) and the admin pages (which show the columns,
// the import report and the duplicate pairs).
import { z } from 'zod';

/**
 * The CSV import's columns, in template order. The header row must name them (any order; unknown
 * columns are an error, so a typo is never silently ignored). Only `name` and
 * `organization_name` are required.
 */
export const CSV_COLUMNS = [
  {
    name: 'id',
    help: 'Leave empty for a new service; the service’s id to update it (re-importing the same row changes nothing)',
  },
  { name: 'organization_name', help: 'Required. Matched by charity number, then by exact name, else created' },
  { name: 'charity_number', help: 'Registered charity number, e.g. 1234567' },
  { name: 'name', help: 'Required. The service’s name' },
  { name: 'description', help: 'What the service offers' },
  { name: 'categories', help: 'Category codes separated by ;, e.g. sport-physical-activity;nature-green-space' },
  { name: 'status', help: 'active, temporarily closed, inactive or defunct (default active)' },
  { name: 'referral_capacity', help: 'open, waiting_list or full (default open)' },
  { name: 'minimum_age', help: 'Whole years, 0–130' },
  { name: 'maximum_age', help: 'Whole years, 0–130, not below minimum_age' },
  { name: 'phone', help: 'e.g. 0191 496 0000' },
  { name: 'email', help: 'e.g. hello@example.org' },
  { name: 'url', help: 'Web address starting https://' },
  { name: 'location_name', help: 'Where it happens, e.g. Riverside Community Centre' },
  { name: 'address_1', help: 'First line of the address (required with a postcode)' },
  { name: 'city', help: 'Town or city (required with a postcode)' },
  { name: 'postcode', help: 'UK postcode, e.g. NE1 4XX' },
  {
    name: 'confidential',
    help: 'yes to hide the address from the public (e.g. a refuge); default no. An import never makes a confidential address public: a reviewer does that on the listing’s page',
  },
  { name: 'online', help: 'yes when the service is (also) offered online; default no' },
  { name: 'area', help: 'Service area name, e.g. Northshire (area-wide services are never dropped by distance)' },
  {
    name: 'schedule',
    help: 'Sessions separated by ;, e.g. "MO 10:00-12:00; MO,WE 18:00-20:00; 1TU 18:00-20:00" (1TU = first Tuesday, -1FR = last Friday)',
  },
  { name: 'notes', help: 'Notes on the opening times, e.g. Closed on bank holidays' },
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number]['name'];

export const CSV_MAX_BYTES = 5 * 1024 * 1024;
export const ORUK_IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_DOCUMENTS = 5000;

/** A warning of an import: the imported listing looks like one already in the directory. */
export const ZPossibleDuplicate = z.object({
  /** The imported service (or, when kind is 'organization', the organisation the import created). */
  imported_id: z.string(),
  /** The existing service, or organisation when kind is 'organization'. */
  existing_id: z.string(),
  kind: z.enum(['service', 'organization']),
  reason: z.string(),
});
export type PossibleDuplicate = z.infer<typeof ZPossibleDuplicate>;

const ZImportCounts = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  possible_duplicates: z.array(ZPossibleDuplicate),
});
export type ImportCounts = z.infer<typeof ZImportCounts>;

export const ZOrukImportError = z.object({
  /** Position of the document in the array (0-based). */
  index: z.number(),
  id: z.string().optional(),
  /** Path inside the document, e.g. "service_at_locations.0.location.addresses.0.postal_code". */
  field: z.string(),
  message: z.string(),
});
export type OrukImportError = z.infer<typeof ZOrukImportError>;

export const ZCsvImportError = z.object({
  /** Line of the file (the header is line 1). */
  line: z.number(),
  /** The column. */
  field: z.string(),
  message: z.string(),
});
export type CsvImportError = z.infer<typeof ZCsvImportError>;

export const ZOrukImportResult = ZImportCounts.extend({ errors: z.array(ZOrukImportError) });
export type OrukImportResult = z.infer<typeof ZOrukImportResult>;

export const ZCsvImportResult = ZImportCounts.extend({ errors: z.array(ZCsvImportError) });
export type CsvImportResult = z.infer<typeof ZCsvImportResult>;

export const DUPLICATE_REASONS = {
  same_identifier: 'Same organisation identifier',
  similar_name_same_postcode: 'Similar name at the same postcode',
  similar_name_no_location: 'Similar name, same organisation, neither has a location',
} as const;
export type DuplicateReason = keyof typeof DUPLICATE_REASONS;

export const ZDuplicateSide = z.object({
  /** The service id (kind 'service') or organisation id (kind 'organization'). */
  id: z.string(),
  name: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }),
  postal_codes: z.array(z.string()),
  status: z.string().nullable(),
});
export type DuplicateSide = z.infer<typeof ZDuplicateSide>;

export const ZDuplicatePair = z.object({
  /** Services can be merged; organisations are shown for an admin to sort out. */
  kind: z.enum(['service', 'organization']),
  reason: z.enum(Object.keys(DUPLICATE_REASONS) as [DuplicateReason, ...DuplicateReason[]]),
  /** 0–1: the name similarity (1 for the same identifier). */
  score: z.number(),
  /** e.g. "GB-CHC 1234567". */
  detail: z.string().nullable(),
  a: ZDuplicateSide,
  b: ZDuplicateSide,
});
export type DuplicatePair = z.infer<typeof ZDuplicatePair>;

/** GET /api/directory/duplicates (at most 500 pairs, organisations first, then by score). */
export const ZDuplicatesAnswer = z.object({ pairs: z.array(ZDuplicatePair) });
export type DuplicatesAnswer = z.infer<typeof ZDuplicatesAnswer>;

export interface MergeRequest {
  keep_id: string;
  merge_id: string;
  reason: string;
}

export const ZMergeResult = z.object({
  kept_id: z.string(),
  merged_id: z.string(),
  moved_reports: z.number(),
  /** Pending partner edits of the merged listing, withdrawn (they describe the merged listing). */
  withdrawn_change_requests: z.number(),
});
export type MergeResult = z.infer<typeof ZMergeResult>;
