import { ZAuditPage } from '../../../common/api-types.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import { ZAuditSearch } from './audit.schemas.js';
import { searchAudit } from './audit.service.js';

export function auditRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/admin/audit',
    {
      schema: { response: { 200: ZAuditPage }, querystring: ZAuditSearch, tags: ['admin'] },
      config: { access: { permission: 'audit.read' } },
    },
    async (request) => searchAudit(db, signedInContext(request), request.query),
  );
}
