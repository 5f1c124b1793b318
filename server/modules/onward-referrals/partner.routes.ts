import { z } from 'zod';
import {
  AcceptSchema,
  AttendanceSchema,
  CloseSchema,
  DeclineSchema,
  INBOX_TABS,
  InboxSchema,
  type PartnerReferralView,
  PartnerReferralViewSchema,
} from '../../../common/onward-referrals.js';
import type { Db } from '../../platform/db/client.js';
import { signedInContext } from '../../platform/http/access.js';
import type { App, AppDeps } from '../../platform/http/deps.js';
import {
  type Answerer,
  type AnswerSettings,
  acceptOnwardReferral,
  closeOnwardReferral,
  declineOnwardReferral,
  recordAttendance,
} from './use-cases/answer.js';
import { getInbox, openPartnerReferral } from './use-cases/inbox.js';

// A VCS partner's inbox of onward referrals, and its answers (accept, decline, attendance, close).
// Every route is the partner's own organisation's: another organisation's referral is not found.

const ZOnwardIdParam = z.object({ id: z.uuid('must be a valid referral id') });
const ZInboxQuery = z.object({ tab: z.enum(INBOX_TABS, 'must be new, waiting, active or closed').default('new') });

const access = { access: { permission: 'partner.referrals' } } as const;
const tags = ['partner'];

export function partnerRoutes(app: App, { db, config }: AppDeps): void {
  const settings = { partnerAccessDays: config.PARTNER_ACCESS_DAYS };

  app.get(
    '/api/partner/referrals',
    { schema: { querystring: ZInboxQuery, response: { 200: InboxSchema }, tags }, config: access },
    async (request) => getInbox(db, signedInContext(request), request.query.tab),
  );

  app.get(
    '/api/partner/referrals/:id',
    { schema: { params: ZOnwardIdParam, response: { 200: PartnerReferralViewSchema }, tags }, config: access },
    async (request) => openPartnerReferral(db, signedInContext(request), request.params.id),
  );

  // One route per answer, each parsed by its own schema and handed to its use-case.
  function answerRoute<S extends z.ZodType>(
    verb: string,
    body: S,
    answer: (
      db: Db,
      answerer: Answerer,
      id: string,
      input: z.output<S>,
      s: AnswerSettings,
    ) => Promise<PartnerReferralView>,
  ): void {
    app.post(
      `/api/partner/referrals/:id/${verb}`,
      { schema: { params: ZOnwardIdParam, body, response: { 200: PartnerReferralViewSchema }, tags }, config: access },
      async (request) =>
        answer(
          db,
          { via: 'inbox', ctx: signedInContext(request) },
          request.params.id,
          request.body as z.output<S>,
          settings,
        ),
    );
  }
  answerRoute('accept', AcceptSchema, acceptOnwardReferral);
  answerRoute('decline', DeclineSchema, declineOnwardReferral);
  answerRoute('attendance', AttendanceSchema, recordAttendance);
  answerRoute('close', CloseSchema, closeOnwardReferral);
}
