import { WAYMARK_DIRECTORY_SYSTEM } from '../fhir-terms.js';
import type { FhirResource } from '../searchset.js';

// The Directory of Services as FHIR (standards.md: directory service → HealthcareService +
// Location; VCS organisation → Organization), made from the public Open Referral UK documents, so
// it shows exactly what /oruk shows anyone (a confidential place by its type only).

type Doc = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const docs = (v: unknown): Doc[] => (Array.isArray(v) ? (v as Doc[]) : []);

export function toOrganization(o: Doc): FhirResource {
  const telecom = [
    ...(str(o.email) ? [{ system: 'email', value: o.email as string }] : []),
    ...(str(o.website) ? [{ system: 'url', value: o.website as string }] : []),
  ];
  return {
    resourceType: 'Organization',
    id: o.id as string,
    identifier: [
      { system: WAYMARK_DIRECTORY_SYSTEM, value: o.id as string },
      ...docs(o.organization_identifiers).flatMap((i) =>
        str(i.identifier)
          ? [{ type: { text: str(i.identifier_type) ?? 'identifier' }, value: i.identifier as string }]
          : [],
      ),
    ],
    active: true,
    type: [{ text: 'Voluntary, community or social enterprise organisation' }],
    name: o.name as string,
    ...(telecom.length > 0 ? { telecom } : {}),
    ...(str(o.parent_organization_id) ? { partOf: { reference: `Organization/${o.parent_organization_id}` } } : {}),
  };
}

export function toLocation(l: Doc): FhirResource {
  const [address] = docs(l.addresses);
  const lines = address ? [str(address.address_1), str(address.address_2)].filter((x): x is string => !!x) : [];
  const virtual = l.location_type === 'virtual';
  return {
    resourceType: 'Location',
    id: l.id as string,
    status: 'active',
    name: (l.name as string) ?? 'Location',
    ...(str(l.description) ? { description: l.description as string } : {}),
    mode: 'instance',
    ...(virtual
      ? {
          physicalType: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
                code: 'vi',
                display: 'Virtual',
              },
            ],
          },
        }
      : {}),
    ...(address
      ? {
          address: {
            use: 'work',
            ...(lines.length > 0 ? { line: lines } : {}),
            ...(str(address.city) ? { city: address.city as string } : {}),
            ...(str(address.region) ? { district: address.region as string } : {}),
            ...(str(address.postal_code) ? { postalCode: address.postal_code as string } : {}),
            country: 'GB',
          },
        }
      : {}),
    ...(typeof l.latitude === 'number' && typeof l.longitude === 'number'
      ? { position: { latitude: l.latitude, longitude: l.longitude } }
      : {}),
  };
}

export function toHealthcareService(svc: Doc): FhirResource {
  const org = svc.organization as Doc | undefined;
  const telecom = [
    ...docs(svc.phones).flatMap((p) => (str(p.number) ? [{ system: 'phone', value: p.number as string }] : [])),
    ...(str(svc.email) ? [{ system: 'email', value: svc.email as string }] : []),
    ...(str(svc.url) ? [{ system: 'url', value: svc.url as string }] : []),
  ];
  const locations = docs(svc.service_at_locations).flatMap((x) =>
    str(x.location_id) ? [{ reference: `Location/${x.location_id}` }] : [],
  );
  return {
    resourceType: 'HealthcareService',
    id: svc.id as string,
    ...(str(svc.last_modified) ? { meta: { lastUpdated: svc.last_modified as string } } : {}),
    identifier: [{ system: WAYMARK_DIRECTORY_SYSTEM, value: svc.id as string }],
    active: svc.status === 'active',
    ...(org && str(org.id) ? { providedBy: { reference: `Organization/${org.id}`, display: org.name as string } } : {}),
    ...(locations.length > 0 ? { location: locations } : {}),
    name: svc.name as string,
    ...(str(svc.description) ? { comment: svc.description as string } : {}),
    ...(telecom.length > 0 ? { telecom } : {}),
    ...(str(svc.eligibility_description) ? { eligibility: [{ comment: svc.eligibility_description as string }] } : {}),
    ...(str(svc.alert) ? { availabilityExceptions: svc.alert as string } : {}),
  };
}
