import { beforeAll, describe, expect, it } from 'vitest';
import { capabilityStatement } from '../capability-statement.js';
import { fhirSchemaErrors, loadFhirSchema } from './fhir-schema.js';

beforeAll(loadFhirSchema, 120_000);

describe('the FHIR R4 JSON schema check', () => {
  it('accepts a well-formed resource', () => {
    expect(fhirSchemaErrors({ resourceType: 'Patient', id: 'a1', birthDate: '1961-07-14' })).toEqual([]);
  });

  it('refuses a wrong type, an unknown member and an unknown resource', () => {
    expect(fhirSchemaErrors({ resourceType: 'Patient', birthDate: 14 }).join('\n')).toContain('/birthDate');
    expect(fhirSchemaErrors({ resourceType: 'Patient', nickname: 'x' }).length).toBeGreaterThan(0);
    expect(fhirSchemaErrors({ resourceType: 'Referral' }).length).toBeGreaterThan(0);
    // An R5 resource type is not R4's.
    expect(fhirSchemaErrors({ resourceType: 'SubscriptionTopic', status: 'active' }).length).toBeGreaterThan(0);
  });

  it('passes the CapabilityStatement Waymark publishes', () => {
    expect(fhirSchemaErrors(capabilityStatement('https://waymark.example', '0.1.0'))).toEqual([]);
  });
});

describe('a Bundle', () => {
  const bundle = (patient: Record<string, unknown>) => ({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [{ fullUrl: 'urn:uuid:0a1b', resource: { resourceType: 'Patient', ...patient } }],
  });

  it('is checked entry by entry, each against its own type', () => {
    expect(fhirSchemaErrors(bundle({ birthDate: '1961-07-14' }))).toEqual([]);
    expect(fhirSchemaErrors(bundle({ birthDate: 19610714 }))).toEqual(['/entry/0/resource/birthDate: must be string']);
  });
});
