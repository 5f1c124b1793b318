import type { Db } from '../../../platform/db/client.js';
import { AppError } from '../../../platform/errors.js';
import * as oruk from '../../directory/oruk/oruk.service.js';
import { toHealthcareService, toLocation, toOrganization } from '../resources/directory-resources.js';
import { invalidParam, isUuid, paging, type RawQuery, readQuery, referenceId, single } from '../search-params.js';
import { type FhirResource, type Searchset, searchset } from '../searchset.js';
import { notFoundResource } from './read-referrals.js';

// HealthcareService, Organization and Location: the public Directory of Services, read through the
// Open Referral UK API's own use-cases (public, no token, like /oruk), so FHIR shows nothing more.

export const HEALTHCARE_SERVICE_SEARCH = ['name', 'organization'] as const;

type Doc = Record<string, unknown>;

async function orNotFound<T>(type: string, id: string, read: () => Promise<T>): Promise<T> {
  if (!isUuid(id)) throw notFoundResource(type, id);
  try {
    return await read();
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw notFoundResource(type, id);
    throw err;
  }
}

export async function readHealthcareService(db: Db, id: string): Promise<FhirResource> {
  return orNotFound('HealthcareService', id, async () =>
    toHealthcareService((await oruk.getService(db, id)) as unknown as Doc),
  );
}

export async function readDirectoryOrganization(db: Db, id: string): Promise<FhirResource> {
  return orNotFound('Organization', id, async () => {
    // An organisation is public through its listed services (as in /oruk).
    const page = await oruk.listServices(db, { organization_id: id, page: 1, per_page: 1 });
    const first = page.contents[0] as unknown as Doc | undefined;
    if (!first) throw notFoundResource('Organization', id);
    const full = (await oruk.getService(db, first.id as string)) as unknown as Doc;
    return toOrganization(full.organization as Doc);
  });
}

export async function readLocation(db: Db, id: string): Promise<FhirResource> {
  return orNotFound('Location', id, async () => toLocation((await oruk.getLocation(db, id)) as Doc));
}

export async function searchHealthcareServices(db: Db, query: RawQuery, baseUrl: string): Promise<Searchset> {
  const params = readQuery(query, HEALTHCARE_SERVICE_SEARCH);
  const page = paging(params);
  if (page.offset % page.count !== 0) {
    throw invalidParam('_offset', `must be a multiple of _count (${page.count}): the directory pages by whole pages`);
  }
  const name = single(params, 'name');
  const organization = single(params, 'organization');
  const organizationId = organization ? referenceId('organization', organization, 'Organization') : undefined;
  if (organizationId !== undefined && !isUuid(organizationId)) {
    return searchset(baseUrl, 'HealthcareService', params, page, 0, []);
  }
  const found = await oruk.listServices(db, {
    page: page.offset / page.count + 1,
    per_page: page.count,
    ...(name ? { search: name } : {}),
    ...(organizationId ? { organization_id: organizationId } : {}),
  });
  return searchset(
    baseUrl,
    'HealthcareService',
    params,
    page,
    found.total_items,
    found.contents.map((d) => toHealthcareService(d as unknown as Doc)),
  );
}
