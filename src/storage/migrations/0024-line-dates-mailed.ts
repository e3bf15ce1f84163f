import { sql, type Kysely } from 'kysely';
import { chunks } from '../chunks.js';
import type { DialectName } from '../dialect-name.js';

/** A customer's mail of an order, as the outbox recorded it, with its event. */
interface OrderMail {
  readonly event_seq: number;
  readonly event_type: string;
  readonly subject_id: string;
  readonly payload: string;
  readonly created_at: string;
  readonly status: string;
  readonly last_error: string | null;
  readonly delivered_at: string | null;
}

/** What a mail's event says of one line: the line, and the dates a date change moved it between. */
interface LineNews {
  readonly lineId?: number;
  readonly previousEta?: string | null;
  readonly eta?: string | null;
}

/**
 * The promise date each backordered line's customer was last mailed (null: that it had none), so
 * a date change's mail says "instead of" what the customer last heard, and none is sent for a date
 * they already know: a confirmation shows the line's date as of when it goes out, which no event
 * records, and the changes between two mails are not all mailed. A line without a row was never
 * mailed a date, and a date change's mail then says its own event's previous date.
 *
 * Lines waiting now start from the last mail of theirs that the outbox shows was sent (delivered
 * with the note 'sent to N recipient(s)'; a mail not sent, dead, or still waiting told nothing):
 * a date change's mail told its event's date; a confirmation (the order's, or the line's own when
 * it was backordered later) told the line's date when it went out, which is the date of the last
 * change of the line made before then, else the date before the line's first change, else its
 * date now. A line none of whose mails was sent (no SMTP, closed as too old, no address) gets no
 * row: its customer heard no date, and one pending confirmation records the date it shows when it
 * is sent. Taking the outbox's pending changes alone, and the current date for every other line,
 * recorded dates whose mails were dead letters or closed unsent, and a later change was then not
 * mailed ('last mailed this same date') or said "instead of" a date the customer never heard.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create table line_dates_mailed (line_id integer primary key references order_lines(id), eta varchar(10))`.execute(db);
  const { rows: waiting } = await sql<{ id: number; order_id: number; eta: string | null }>`
    select id, order_id, eta from order_lines where backordered > 0`.execute(db);
  if (waiting.length === 0) return;
  const { rows: mails } = await sql<OrderMail>`
    select d.event_seq, d.event_type, e.subject_id, e.payload, e.created_at, d.status, d.last_error, d.delivered_at
    from deliveries d join events e on e.seq = d.event_seq
    where d.target = 'email' and d.event_type in ('order.placed', 'line.backordered', 'backorder.eta_changed')
      and e.subject_type = 'order'
      and e.subject_id in (select cast(order_id as varchar(20)) from order_lines where backordered > 0)
    order by d.event_seq`.execute(db);
  const mailsOfOrder = new Map<string, { mail: OrderMail; news: LineNews }[]>();
  for (const mail of mails) {
    const ofOrder = mailsOfOrder.get(mail.subject_id) ?? [];
    ofOrder.push({ mail, news: JSON.parse(mail.payload) as LineNews });
    mailsOfOrder.set(mail.subject_id, ofOrder);
  }
  const told: { lineId: number; eta: string | null }[] = [];
  for (const line of waiting) {
    const ofOrder = mailsOfOrder.get(String(line.order_id)) ?? [];
    const changes = ofOrder.filter((m) => m.mail.event_type === 'backorder.eta_changed' && m.news.lineId === line.id);
    const last = ofOrder
      .filter((m) => wasSent(m.mail) && (m.mail.event_type === 'order.placed' || m.news.lineId === line.id))
      .sort((a, b) => compare(a.mail.delivered_at ?? '', b.mail.delivered_at ?? '') || a.mail.event_seq - b.mail.event_seq)
      .at(-1);
    if (!last) continue;
    if (last.mail.event_type === 'backorder.eta_changed') {
      told.push({ lineId: line.id, eta: last.news.eta ?? null });
      continue;
    }
    // A change made as the confirmation went out is taken as not shown by it: it was composed before.
    const shown = changes.filter((c) => c.mail.created_at < (last.mail.delivered_at ?? '')).at(-1);
    const first = changes[0];
    told.push({ lineId: line.id, eta: shown ? (shown.news.eta ?? null) : first ? (first.news.previousEta ?? null) : line.eta });
  }
  for (const chunk of chunks(told, 500)) {
    const rows = chunk.map((t) => sql`(${t.lineId}, ${t.eta})`);
    await sql`insert into line_dates_mailed (line_id, eta) values ${sql.join(rows)}`.execute(db);
  }
}

/** Whether the mail went out: the worker notes 'sent to N recipient(s)' on those it sent, and why on the others. */
function wasSent(mail: OrderMail): boolean {
  return mail.status === 'delivered' && mail.last_error !== null && mail.last_error.startsWith('sent to ');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
