import { z } from 'zod';
import type { App, AppDeps } from '../../platform/http/deps.js';

/** What the public footer pages need to know about this deployment. Nothing else leaves. */
export const ZSiteInfo = z.object({
  supportEmail: z.string(),
  sessionCookie: z.string(),
  sessionIdleMinutes: z.number().int(),
  sessionAbsoluteHours: z.number().int(),
});
export type SiteInfo = z.infer<typeof ZSiteInfo>;

export function siteRoutes(app: App, { config }: AppDeps, sessionCookie: string): void {
  app.get(
    '/api/public/site',
    {
      schema: {
        response: { 200: ZSiteInfo },
        tags: ['site'],
        summary: 'Contact address and session cookie facts for the footer pages',
      },
      config: { access: { public: true } },
    },
    async (_request, reply) => {
      reply.header('Cache-Control', 'public, max-age=300');
      return {
        supportEmail: config.SUPPORT_EMAIL,
        sessionCookie,
        sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
        sessionAbsoluteHours: config.SESSION_ABSOLUTE_HOURS,
      };
    },
  );
}
