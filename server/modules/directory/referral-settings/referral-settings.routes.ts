import { z } from 'zod';
import { ReferralSettingsInputSchema, ReferralSettingsViewSchema } from '../../../../common/referral-settings.js';
import { signedInContext } from '../../../platform/http/access.js';
import type { App, AppDeps } from '../../../platform/http/deps.js';
import * as settings from './referral-settings.service.js';

// How a service takes referrals through Waymark: takes referrals, referral email, working days to
// reply. The same settings at two addresses, because each route declares one permission: the
// directory reviewers of the ICB (directory.review) under /services, and a partner for its own
// organisation's listings (directory.propose) under /our-listings, beside its other listing routes.
const SERVICE_ID = 'must be a valid service id';
const ZStaffParams = z.object({ id: z.uuid(SERVICE_ID) });
const ZPartnerParams = z.object({ serviceId: z.uuid(SERVICE_ID) });

export function referralSettingsRoutes(app: App, { db }: AppDeps): void {
  const tags = ['referral settings'];
  const response = { 200: ReferralSettingsViewSchema };
  const review = { access: { permission: 'directory.review' as const } };
  const propose = { access: { permission: 'directory.propose' as const } };
  const staffPath = '/api/directory/services/:id/referral-settings';
  const partnerPath = '/api/directory/our-listings/:serviceId/referral-settings';

  app.get(staffPath, { schema: { params: ZStaffParams, response, tags }, config: review }, async (request) =>
    settings.getReferralSettings(db, signedInContext(request), 'reviewer', request.params.id),
  );
  app.put(
    staffPath,
    { schema: { params: ZStaffParams, body: ReferralSettingsInputSchema, response, tags }, config: review },
    async (request) =>
      settings.setReferralSettings(db, signedInContext(request), 'reviewer', request.params.id, request.body),
  );

  app.get(partnerPath, { schema: { params: ZPartnerParams, response, tags }, config: propose }, async (request) =>
    settings.getReferralSettings(db, signedInContext(request), 'partner', request.params.serviceId),
  );
  app.put(
    partnerPath,
    { schema: { params: ZPartnerParams, body: ReferralSettingsInputSchema, response, tags }, config: propose },
    async (request) =>
      settings.setReferralSettings(db, signedInContext(request), 'partner', request.params.serviceId, request.body),
  );
}
