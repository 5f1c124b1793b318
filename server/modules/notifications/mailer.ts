import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /**
   * Stable per outbox row: if a message is ever sent twice (the mail server accepted it but
   * the database went away before "sent" was recorded), receivers can tell it is the same one.
   */
  messageId: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

export interface SmtpMailerOptions {
  url: string;
  from: string;
  /** Give up on an unresponsive mail server after this long (per connection / greeting / idle socket). */
  timeoutMs?: number;
}

/** Sends over SMTP with nodemailer: one connection per message, so a restarted server is simply used again. */
export function createSmtpMailer(opts: SmtpMailerOptions): Mailer {
  const timeout = opts.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    url: opts.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
  });
  return {
    async send(email) {
      await transport.sendMail({
        from: opts.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        messageId: email.messageId,
      });
    },
    close() {
      transport.close();
    },
  };
}

/** The domain of the From address, for Message-IDs (`Waymark <no-reply@waymark.example>` → waymark.example). */
export function mailDomainOf(from: string): string {
  const match = /@([^\s<>@]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'waymark.invalid';
}
