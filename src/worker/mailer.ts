import nodemailer from 'nodemailer';
import type { EmailMessage } from './email-messages.js';
import type { EmailConfig } from './worker-config.js';

/** Sends composed messages over SMTP. */
export interface Mailer {
  send(message: EmailMessage): Promise<void>;
  close(): void;
}

/**
 * An SMTP mailer over a small nodemailer connection pool, configured by URL
 * (`smtp://user:pass@host:587`, `smtps://…`) or by host, port, secure and credentials.
 */
export function createMailer(config: EmailConfig): Mailer {
  const auth = config.user ? { user: config.user, pass: config.password ?? '' } : undefined;
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 2,
    ...(config.url ? { url: config.url } : { host: config.host, port: config.port ?? (config.secure ? 465 : 587), secure: config.secure ?? false }),
    ...(auth ? { auth } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      await transport.sendMail({
        from: config.from,
        to: [...message.to],
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.headers ? { headers: { ...message.headers } } : {}),
      });
    },
    close: () => transport.close(),
  };
}
