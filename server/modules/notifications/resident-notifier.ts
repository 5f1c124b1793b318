import { NotifyClient } from 'notifications-node-client';

// Texts and emails to residents go through GOV.UK Notify, behind this small interface: the
// delivery job needs nothing else, and tests can swap in a fake that fails on demand.

export interface ResidentNotification {
  templateId: string;
  /** A phone number for sendSms, an email address for sendEmail. */
  recipient: string;
  personalisation: Record<string, string>;
  /** Our message id: Notify keeps it with the notification, so both sides can find each other's record. */
  reference: string;
}

export interface ResidentNotifier {
  /** Resolves with Notify's notification id once Notify accepted the message. */
  sendSms(n: ResidentNotification): Promise<{ notifyId: string }>;
  sendEmail(n: ResidentNotification): Promise<{ notifyId: string }>;
}

/** Why Notify did not take a message: its HTTP status (0: no answer) and its own error words. */
export class NotifyRequestError extends Error {
  constructor(
    readonly status: number,
    readonly errors: { error: string; message: string }[],
    message: string,
  ) {
    super(message);
    this.name = 'NotifyRequestError';
  }
}

export const NOTIFY_PRODUCTION_URL = 'https://api.notifications.service.gov.uk';

export interface NotifyNotifierOptions {
  apiKey: string;
  /** Notify's address (default production); tests point it at their fake. */
  baseUrl?: string;
  /** An unanswered request gives up after this long, so a row lock is never held for ever. */
  timeoutMs?: number;
}

interface RestRequest {
  method: string;
  url: string;
  data?: unknown;
  headers: Record<string, string>;
}

/**
 * The transport handed to the official client (its documented setClient): the client still
 * builds the JWT and the request body; this sends them with fetch and a timeout, which the
 * client's default (axios without a timeout) lacks.
 */
function fetchTransport(timeoutMs: number) {
  return async (req: RestRequest): Promise<{ status: number; data: unknown }> => {
    let res: Response;
    try {
      res = await fetch(req.url, {
        method: req.method.toUpperCase(),
        headers: { ...req.headers, 'Content-Type': 'application/json' },
        body: req.data === undefined ? undefined : JSON.stringify(req.data),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const reason =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      throw new NotifyRequestError(0, [], `no answer from GOV.UK Notify: ${reason}`);
    }
    const text = await res.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!res.ok) {
      const errors = Array.isArray((data as { errors?: unknown })?.errors)
        ? ((data as { errors: { error: string; message: string }[] }).errors ?? [])
        : [];
      const words = errors.map((e) => `${e.error}: ${e.message}`).join('; ') || res.statusText;
      throw new NotifyRequestError(res.status, errors, `GOV.UK Notify answered ${res.status}: ${words}`);
    }
    return { status: res.status, data };
  };
}

/** The real notifier: the official `notifications-node-client`. */
export function createNotifyNotifier(opts: NotifyNotifierOptions): ResidentNotifier {
  const client = new NotifyClient(opts.baseUrl ?? NOTIFY_PRODUCTION_URL, opts.apiKey);
  // setClient is typed for an axios instance; the client only ever calls it as a function.
  client.setClient(fetchTransport(opts.timeoutMs ?? 15_000) as unknown as Parameters<NotifyClient['setClient']>[0]);
  const idOf = (res: { data: unknown }) => {
    const id = (res.data as { id?: unknown })?.id;
    if (typeof id !== 'string') throw new NotifyRequestError(0, [], 'GOV.UK Notify answered without a notification id');
    return { notifyId: id };
  };
  return {
    async sendSms(n) {
      return idOf(
        await client.sendSms(n.templateId, n.recipient, { personalisation: n.personalisation, reference: n.reference }),
      );
    },
    async sendEmail(n) {
      return idOf(
        await client.sendEmail(n.templateId, n.recipient, {
          personalisation: n.personalisation,
          reference: n.reference,
        }),
      );
    },
  };
}
