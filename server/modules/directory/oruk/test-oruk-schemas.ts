import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// Test helper: Ajv validators for Waymark's Open Referral UK schemas (./schemas, derived from
// the standard). Used by tests only (ajv is a devDependency).

const here = path.dirname(fileURLToPath(import.meta.url));
const BASE = 'https://waymark.example/schemas/oruk/3.0/';

export const ORUK_SCHEMA_FILES = [
  'api_details.json',
  'page.json',
  'service.json',
  'service_list.json',
  'service_at_location.json',
  'service_at_location_list.json',
  'taxonomy.json',
  'taxonomy_term.json',
] as const;
export type OrukSchemaFile = (typeof ORUK_SCHEMA_FILES)[number];

export function loadOrukSchema(file: OrukSchemaFile): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(here, 'schemas', file), 'utf8'));
}

// ajv-formats is CommonJS; its default export arrives as `default` under Node ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv,
) => Ajv;

function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of ORUK_SCHEMA_FILES) ajv.addSchema(loadOrukSchema(file));
  return ajv;
}

const ajv = createAjv();
const cache = new Map<string, ValidateFunction>();

/** A validator of one document, or of a Page whose contents are such documents. */
export function orukValidator(file: OrukSchemaFile, opts: { page?: boolean } = {}): ValidateFunction {
  const key = `${file}:${opts.page ? 'page' : 'one'}`;
  let validate = cache.get(key);
  if (!validate) {
    validate = opts.page
      ? ajv.compile({
          allOf: [{ $ref: `${BASE}page.json` }],
          properties: { contents: { type: 'array', items: { $ref: `${BASE}${file}` } } },
        })
      : (ajv.getSchema(`${BASE}${file}`) as ValidateFunction);
    cache.set(key, validate);
  }
  return validate;
}

/** The schema errors of a document ([] when it is valid), readable in a failed assertion. */
export function orukErrors(file: OrukSchemaFile, document: unknown, opts: { page?: boolean } = {}): string[] {
  const validate = orukValidator(file, opts);
  return validate(document)
    ? []
    : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
}

/** Every key used anywhere in a JSON document (to show a field never appears). */
export function allKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) allKeys(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      allKeys(v, into);
    }
  }
  return into;
}
