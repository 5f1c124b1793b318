import type { Db } from '../../platform/db/client.js';
import type { HubLog } from '../../platform/realtime-hub.js';
import type { Mailer } from './mailer.js';
import * as repo from './notifications.repository.js';

// Delivery of the transactional outbox. Each email is sent inside its own short transaction
// that holds the row's lock (SELECT … FOR UPDATE SKIP LOCKED): while one worker sends it, no
// other worker on any instance can pick it up, and "sent" is recorded in the same transaction.
// A failure is recorded on the row (attempts, lastError, next attempt time) and the row stays
// until a later run delivers it: nothing is lost and nothing already sent is sent again. The
// one unavoidable gap (the mail server accepted the message, then the database went away
// before the commit) resends it later with the same Message-ID.

export interface DeliverOutboxOptions {
  /** null when SMTP_URL is not set: emails stay in the outbox. */
  mailer: Mailer | null;
  log: HubLog;
  /** Domain used in Message-IDs. */
  messageIdDomain: string;
  /** At most this many emails per run; the next run carries on. */
  batchSize?: number;
  /** Delay before the first retry; doubles on each further failure up to retryMaxMs. */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  /** Due emails left unsent because no mail server is configured. */
  notConfigured: number;
}

export const DEFAULT_RETRY_BASE_MS = 60_000;
export const DEFAULT_RETRY_MAX_MS = 60 * 60_000;

/** Backoff after the n-th failed attempt (n ≥ 1): base, 2×base, 4×base … capped. */
export function retryDelayMs(attempts: number, baseMs = DEFAULT_RETRY_BASE_MS, maxMs = DEFAULT_RETRY_MAX_MS): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(baseMs * 2 ** exponent, maxMs);
}

// Failures of the connection or of the server as a whole: every other message would fail the
// same way now, so the run stops instead of burning an attempt on each of them.
const SERVER_WIDE_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'EAUTH',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPROTOCOL',
]);

function isServerWide(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && SERVER_WIDE_CODES.has(code);
}

/** The reason kept on the row: the error's text, short, without anything but the mail server's words. */
function failureReason(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const code = typeof e?.code === 'string' ? `${e.code}: ` : '';
  return `${code}${message}`.slice(0, 1000);
}

export async function deliverOutbox(db: Db, opts: DeliverOutboxOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, notConfigured: 0 };
  const { mailer, log } = opts;
  if (!mailer) {
    report.notConfigured = await repo.countDueEmails(db);
    if (report.notConfigured > 0) {
      log.warn({ pending: report.notConfigured }, 'outbox: email(s) not sent: no SMTP_URL');
    }
    return report;
  }
  const batchSize = opts.batchSize ?? 100;
  for (let i = 0; i < batchSize; i++) {
    const outcome = await db.transaction(async (tx) => {
      const row = await repo.claimNextDueEmail(tx);
      if (!row) return 'none' as const;
      try {
        await mailer.send({
          to: row.payload.to,
          subject: row.payload.subject,
          text: row.payload.text,
          messageId: `<outbox-${row.id}-${row.createdAt.getTime()}@${opts.messageIdDomain}>`,
        });
      } catch (err) {
        const attempts = row.attempts + 1;
        const retryInMs = retryDelayMs(attempts, opts.retryBaseMs, opts.retryMaxMs);
        await repo.recordOutboxFailure(tx, row.id, failureReason(err), retryInMs);
        // The outbox id and the error only: addresses and contents stay out of the logs.
        log.warn(
          { outboxId: row.id, attempts, retryInMs, error: failureReason(err) },
          'outbox: email not sent; will retry',
        );
        return isServerWide(err) ? ('server-down' as const) : ('failed' as const);
      }
      await repo.markOutboxSent(tx, row.id);
      return 'sent' as const;
    });
    if (outcome === 'none') break;
    if (outcome === 'sent') report.sent++;
    else report.failed++;
    if (outcome === 'server-down') break;
  }
  if (report.sent > 0) log.info({ sent: report.sent }, 'outbox: emails sent');
  return report;
}
