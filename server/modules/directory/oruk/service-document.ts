// The one mapping between a Waymark listing and an Open Referral UK 3.0 service document (the
// full nested shape of GET /services/{id}), in both directions:
// - service-document-write.ts: listing → document, for the /oruk API (audience "public") and the
//   admin's export (audience "export");
// - service-document-read.ts: document → listing, for the admin's import and the demo seed.
// Together they are the only code that knows an ORUK field name of a service; the /oruk API's
// serializer (oruk.serializers.ts) turns its rows into listings and calls the writer.
//
// Waymark's own data that ORUK has no field for — whether a service takes referrals, how often
// its listing is reviewed, whether a place is confidential — travels in an extension object,
// "x-waymark", on the service and on a location. ORUK's JSON schemas do not forbid properties
// they do not name (no additionalProperties: false anywhere), HSDS leaves extension to the
// publisher, and the "x-" prefix is the OpenAPI convention (ORUK's API is an OpenAPI document) for
// "a vendor's own, ignore it if you don't know it". Only the export writes it: the public API
// keeps to the standard's fields.

import type {
  directoryOrganizationIdentifiers,
  directoryOrganizations,
  directoryTaxonomyTerms,
} from '../directory.tables.js';

export type OrukDocument = Record<string, unknown>;

/** Who reads the document: the public (/oruk) or the ICB's admin (the export file). */
export type OrukAudience = 'public' | 'export';

export const WAYMARK_EXTENSION = 'x-waymark';

/** What a confidential location is called wherever its real name could give it away. */
export const CONFIDENTIAL_LOCATION_NAME = 'Confidential location';

export interface OrukOrganizationRecord {
  id: string;
  name: string;
  description: string | null;
  email: string | null;
  website: string | null;
  uri: string | null;
  parent_organization_id?: string | null;
  identifiers: { id: string; identifier_scheme: string | null; identifier_type: string; identifier: string }[];
}

export interface OrukTermRecord {
  id: string;
  name: string;
  description: string | null;
  code: string | null;
  parent_id: string | null;
  taxonomy_id: string | null;
  /** The taxonomy's name, where the reader has it. */
  taxonomy?: string | null;
  term_uri: string | null;
}

/** What a service document needs beyond the listing: its organisation, terms and stored child ids. */
export interface OrukServiceContext {
  organization: OrukOrganizationRecord | undefined;
  terms: Map<string, OrukTermRecord>;
  /** service_at_location id by location id, for this service. */
  salIds: Map<string, string>;
  /**
   * Stored ids of children the listing has no id for (the /oruk API serves its rows' ids). The
   * export leaves them out and derives ids from the owner, so that it re-imports unchanged.
   */
  rowIds?: {
    address?: Map<string, string>;
    accessibility?: Map<string, string[]>;
    attribute?: Map<string, string>;
  };
}

/** Only absolute http(s) addresses are written where the schema says format "uri". */
export function asUri(v: string | null | undefined): string | null {
  if (!v) return null;
  try {
    const url = new URL(v);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function asEmail(v: string | null | undefined): string | null {
  return v && EMAIL.test(v) ? v : null;
}

/**
 * The object without its null, undefined and empty-string values: the standard's fields are
 * plain strings and numbers, and null would fail its schemas.
 */
export function compact<T extends Record<string, unknown>>(o: T): OrukDocument {
  const out: OrukDocument = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === null || v === undefined || v === '') continue;
    out[k] = v;
  }
  return out;
}

/** A stored organisation (and any identifiers, of it or others) as the writer takes it. */
export function organizationRecordOf(
  o: typeof directoryOrganizations.$inferSelect,
  identifiers: (typeof directoryOrganizationIdentifiers.$inferSelect)[] = [],
): OrukOrganizationRecord {
  return {
    id: o.id,
    name: o.name,
    description: o.description,
    email: o.email,
    website: o.website,
    uri: o.uri,
    parent_organization_id: o.parentOrganizationId,
    identifiers: identifiers
      .filter((i) => i.organizationId === o.id)
      .map((i) => ({
        id: i.id,
        identifier_scheme: i.identifierScheme,
        identifier_type: i.identifierType,
        identifier: i.identifier,
      })),
  };
}

/** A stored taxonomy term as the writer takes it. */
export function termRecordOf(
  t: typeof directoryTaxonomyTerms.$inferSelect & { taxonomyName?: string | null },
): OrukTermRecord {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    code: t.code,
    parent_id: t.parentId,
    taxonomy_id: t.taxonomyId,
    taxonomy: t.taxonomyName,
    term_uri: t.termUri,
  };
}
