import { E2E_NOTIFY_PORT } from '../ports.mjs';

// The e2e server sends residents' texts and emails to the fake Notify API
// (e2e/support/notify-fake.mts); the tests read what it accepted, as the person would read their phone.

export interface NotifyMessage {
  id: string;
  type: 'sms' | 'email';
  templateId: string;
  to: string;
  personalisation: Record<string, string>;
  reference: string | null;
  receivedAt: string;
}

// Intake stores phone numbers without spaces: compare them so.
const bare = (to: string) => to.replace(/\s+/g, '');

/** Every message the fake Notify accepted, oldest first; `to` keeps those to one number or address (spaces ignored). */
export async function notifyMessages(to?: string): Promise<NotifyMessage[]> {
  const res = await fetch(`http://127.0.0.1:${E2E_NOTIFY_PORT}/_fake/messages`);
  if (!res.ok) throw new Error(`the fake Notify answered ${res.status}`);
  const all = (await res.json()) as NotifyMessage[];
  return to === undefined ? all : all.filter((m) => bare(m.to) === bare(to));
}
