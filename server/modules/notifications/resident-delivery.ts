import {
  RESIDENT_MESSAGE_CHANNELS,
  RESIDENT_MESSAGE_KINDS,
  type ResidentMessageChannel,
  type ResidentMessageKind,
} from '../../../common/resident-messages.js';
import type { NotifyTemplateIds } from '../../config.js';
import type { Db } from '../../platform/db/client.js';
import type { HubLog } from '../../platform/realtime-hub.js';
import { retryDelayMs } from './outbox.js';
import * as repo from './resident-messages.repository.js';
import { NotifyRequestError, type ResidentNotifier } from './resident-notifier.js';

// Delivery of resident messages to GOV.UK Notify, shaped like the SMTP outbox's: each message is
// sent inside its own short transaction that holds the row's lock (FOR UPDATE SKIP LOCKED), and
// "sent" with Notify's id is recorded in that same transaction. A refusal is recorded on the row
// (attempts, last error, next attempt) and retried with backoff. The one gap (Notify accepted,
// then the database went away before the commit) sends the message again later; Notify's
// `reference` (our id) lets the two be matched on Notify's side.

export interface DeliverResidentMessagesOptions {
  /** null when NOTIFY_API_KEY is not set: every message waits, queued. */
  notifier: ResidentNotifier | null;
  templates: NotifyTemplateIds;
  log: HubLog;
  batchSize?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /**
   * Settings already reported missing: each is logged once (per process, when this set is kept
   * across runs, as the job does), not every minute.
   */
  reportedMissing?: Set<string>;
}

export interface ResidentDeliveryReport {
  sent: number;
  failed: number;
  /** Refused for good (Notify said the number or address cannot take messages): not retried. */
  undeliverable: number;
  /** Due messages left queued because Notify, or the template of their kind, is not configured. */
  notConfigured: number;
}

export const templateSettingOf = (kind: ResidentMessageKind, channel: ResidentMessageChannel) =>
  `NOTIFY_TEMPLATE_${kind.toUpperCase()}_${channel.toUpperCase()}`;

/** The kinds and channels that have a template id: only these can be sent. */
export function sendablePairs(templates: NotifyTemplateIds): repo.KindAndChannel[] {
  return RESIDENT_MESSAGE_KINDS.flatMap((kind) =>
    RESIDENT_MESSAGE_CHANNELS.filter((channel) => templates[`${kind}:${channel}`]).map((channel) => ({
      kind,
      channel,
    })),
  );
}

// Notify's answers that say it will refuse every message now (bad key or clock, rate limit, an
// outage): the run stops rather than spend an attempt of every queued message on them.
const isServiceWide = (err: unknown) =>
  err instanceof NotifyRequestError &&
  (err.status === 0 || err.status === 403 || err.status === 429 || err.status >= 500);

// A 400 about the recipient itself ("Not a UK mobile number", an impossible address) never
// succeeds on retry; other 400s (a template's missing placeholder) are for an operator to fix.
const isBadRecipient = (err: unknown) =>
  err instanceof NotifyRequestError &&
  err.status === 400 &&
  err.errors.some((e) => e.error === 'ValidationError' && /phone_number|email_address/.test(e.message));

/** The reason kept on the row and logged: Notify's own words (status and error), never the recipient. */
function failureReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 1000);
}

export async function deliverResidentMessages(
  db: Db,
  opts: DeliverResidentMessagesOptions,
): Promise<ResidentDeliveryReport> {
  const report: ResidentDeliveryReport = { sent: 0, failed: 0, undeliverable: 0, notConfigured: 0 };
  const { notifier, log } = opts;
  const sendable = notifier ? sendablePairs(opts.templates) : [];
  const batchSize = opts.batchSize ?? 100;
  for (let i = 0; i < batchSize && notifier; i++) {
    const outcome = await db.transaction(async (tx) => {
      const row = await repo.claimNextDueMessage(tx, sendable);
      if (!row) return 'none' as const;
      const templateId = opts.templates[`${row.kind}:${row.channel}`] as string;
      const notification = {
        templateId,
        recipient: row.recipient,
        personalisation: row.personalisation,
        reference: row.id,
      };
      try {
        const { notifyId } =
          row.channel === 'sms' ? await notifier.sendSms(notification) : await notifier.sendEmail(notification);
        await repo.markResidentMessageSent(tx, row.id, notifyId);
        return 'sent' as const;
      } catch (err) {
        const reason = failureReason(err);
        if (isBadRecipient(err)) {
          await repo.markResidentMessageUndeliverable(tx, row.id, reason);
          log.warn(
            { residentMessageId: row.id, error: reason },
            'notify: message refused for its recipient; not retried',
          );
          return 'undeliverable' as const;
        }
        const attempts = row.attempts + 1;
        const retryInMs = retryDelayMs(attempts, opts.retryBaseMs, opts.retryMaxMs);
        await repo.recordResidentMessageFailure(tx, row.id, reason, retryInMs);
        // The message id and Notify's words only: numbers, addresses and contents stay out of logs.
        log.warn(
          { residentMessageId: row.id, attempts, retryInMs, error: reason },
          'notify: message not sent; will retry',
        );
        return isServiceWide(err) ? ('service-down' as const) : ('failed' as const);
      }
    });
    if (outcome === 'none') break;
    if (outcome === 'sent') report.sent++;
    else if (outcome === 'undeliverable') report.undeliverable++;
    else report.failed++;
    if (outcome === 'service-down') break;
  }
  // What waits for configuration: every due message when there is no key, else the kinds without a template.
  const waiting = (await repo.countDueMessages(db)).filter(
    (d) => !sendable.some((s) => s.kind === d.kind && s.channel === d.channel),
  );
  report.notConfigured = waiting.reduce((sum, d) => sum + d.n, 0);
  const reported = opts.reportedMissing ?? new Set<string>();
  for (const setting of missingSettingsFor(waiting, notifier !== null)) {
    if (reported.has(setting)) continue;
    reported.add(setting);
    log.warn(
      { setting, waiting: report.notConfigured },
      `notify: resident messages wait, queued: ${setting} is not set`,
    );
  }
  if (report.sent > 0) log.info({ sent: report.sent }, 'notify: messages sent');
  return report;
}

/** The settings whose absence keeps these due messages waiting (names of settings only, no personal data). */
export function missingSettingsFor(waiting: readonly repo.KindAndChannel[], hasKey: boolean): string[] {
  if (!hasKey) return waiting.length > 0 ? ['NOTIFY_API_KEY'] : [];
  return [...new Set(waiting.map((w) => templateSettingOf(w.kind, w.channel)))];
}
