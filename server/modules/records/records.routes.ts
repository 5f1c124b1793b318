import {
  ZRestrictionLift,
  ZRestrictionSet,
  ZRestrictionState,
  ZRetentionDestroy,
  ZRetentionDestroyResult,
  ZRetentionReport,
  ZRetentionSettings,
  ZRetentionSettingsChange,
  ZSubjectAccessExport,
} from '../../../common/records.js';
import { ZReferralIdParam } from '../../../common/schemas/ids.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import * as records from './records.service.js';

// Records management (issue 19, point 5): the ICB administrator's retention page
// ('retention.manage'), and a person's rights from their case: the subject access export
// ('person.export') and restriction of processing ('person.restrict'; anyone who reads the case
// sees whether it is restricted).

export function recordsRoutes(app: App, { db }: AppDeps): void {
  const retention = { access: { permission: 'retention.manage' as const } };
  const tags = ['records'];

  app.get(
    '/api/admin/retention',
    { schema: { response: { 200: ZRetentionReport }, tags }, config: retention },
    async (request) => records.retentionReport(db, signedInContext(request)),
  );

  app.post(
    '/api/admin/retention/destroy',
    { schema: { response: { 200: ZRetentionDestroyResult }, body: ZRetentionDestroy, tags }, config: retention },
    async (request) => records.destroyNow(db, signedInContext(request), request.body),
  );

  app.put(
    '/api/admin/retention/settings',
    { schema: { response: { 200: ZRetentionSettings }, body: ZRetentionSettingsChange, tags }, config: retention },
    async (request) => records.changeRetentionSettings(db, signedInContext(request), request.body),
  );

  app.get(
    '/api/referrals/:id/person/export',
    {
      schema: { response: { 200: ZSubjectAccessExport }, params: ZReferralIdParam, tags },
      config: { access: { permission: 'person.export' as const } },
    },
    async (request) => records.subjectAccessExport(db, signedInContext(request), request.params.id),
  );

  app.get(
    '/api/referrals/:id/person/restriction',
    {
      schema: { response: { 200: ZRestrictionState }, params: ZReferralIdParam, tags },
      config: { access: { permission: 'case.read' as const } },
    },
    async (request) => records.restrictionOf(db, signedInContext(request), request.params.id),
  );

  const restrict = { access: { permission: 'person.restrict' as const } };
  app.put(
    '/api/referrals/:id/person/restriction',
    {
      schema: { response: { 200: ZRestrictionState }, params: ZReferralIdParam, body: ZRestrictionSet, tags },
      config: restrict,
    },
    async (request) => records.restrictProcessing(db, signedInContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/referrals/:id/person/restriction/lift',
    {
      schema: { response: { 200: ZRestrictionState }, params: ZReferralIdParam, body: ZRestrictionLift, tags },
      config: restrict,
    },
    async (request) => records.liftRestriction(db, signedInContext(request), request.params.id, request.body),
  );
}
