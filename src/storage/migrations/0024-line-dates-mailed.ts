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
  // Re-runnable: SQLite runs a migration outside a transaction, so one stopped part-way (a restart
  // during a long upgrade) leaves the table and some rows, and the next start must finish the job.
  await sql`create table if not exists line_dates_mailed (line_id integer primary key references order_lines(id), eta varchar(10))`.execute(db);
  const { rows: waiting } = await sql<{ id: number; order_id: number; eta: string | null }>`
    select id, order_id, eta from order_lines where backordered > 0`.execute(db);
  if (waiting.length === 0) return;
  const lines = new Map(waiting.map((line) => [line.id, { line, last: null as Told | null, first: null as Change | null, shown: null as Change | null }]));
  const linesOfOrder = new Map<string, number[]>();
  for (const line of waiting) linesOfOrder.set(String(line.order_id), [...(linesOfOrder.get(String(line.order_id)) ?? []), line.id]);
  // Two passes over the customers' mails, a page at a time, keeping a few facts per waiting line:
  // memory follows the waiting lines, not the mails (millions, in a shop that mailed for years).
  // First: each line's last mail that went out, and its first date change.
  await eachCustomerMail(db, ['order.placed', 'line.backordered', 'backorder.eta_changed'], (mail, news) => {
    const ofLine = mail.event_type === 'order.placed' ? (linesOfOrder.get(mail.subject_id) ?? []) : news.lineId !== undefined && lines.has(news.lineId) ? [news.lineId] : [];
    for (const lineId of ofLine) {
      const state = lines.get(lineId);
      if (!state) continue;
      if (mail.event_type === 'backorder.eta_changed' && (state.first === null || mail.event_seq < state.first.seq)) {
        state.first = { seq: mail.event_seq, createdAt: mail.created_at, previousEta: news.previousEta ?? null, eta: news.eta ?? null };
      }
      if (!wasSent(mail)) continue;
      const told: Told = { seq: mail.event_seq, deliveredAt: mail.delivered_at ?? '', change: mail.event_type === 'backorder.eta_changed' ? (news.eta ?? null) : undefined };
      if (state.last === null || compare(told.deliveredAt, state.last.deliveredAt) > 0 || (told.deliveredAt === state.last.deliveredAt && told.seq > state.last.seq)) state.last = told;
    }
  });
  // Then, for lines whose last mail was a confirmation: the last change made before it went out.
  // A change made as the confirmation went out is taken as not shown by it: it was composed before.
  await eachCustomerMail(db, ['backorder.eta_changed'], (mail, news) => {
    if (mail.event_type !== 'backorder.eta_changed' || news.lineId === undefined) return;
    const state = lines.get(news.lineId);
    if (!state?.last || state.last.change !== undefined || !(mail.created_at < state.last.deliveredAt)) return;
    if (state.shown === null || mail.event_seq > state.shown.seq) state.shown = { seq: mail.event_seq, createdAt: mail.created_at, previousEta: news.previousEta ?? null, eta: news.eta ?? null };
  });
  const told: { lineId: number; eta: string | null }[] = [];
  for (const { line, last, first, shown } of lines.values()) {
    if (last === null) continue;
    const eta = last.change !== undefined ? last.change : shown ? shown.eta : first ? first.previousEta : line.eta;
    told.push({ lineId: line.id, eta });
  }
  for (const chunk of chunks(told, 500)) {
    const rows = chunk.map((t) => sql`(${t.lineId}, ${t.eta})`);
    await sql`insert into line_dates_mailed (line_id, eta) values ${sql.join(rows)} on conflict (line_id) do nothing`.execute(db);
  }
}

/** The last mail of a line that went out: its event, when it was sent, and the date it told if it was a date change. */
interface Told {
  readonly seq: number;
  readonly deliveredAt: string;
  /** A date change's new date (null: withdrawn); undefined for a confirmation. */
  readonly change: string | null | undefined;
}

/** A date change of a line, as its event says. */
interface Change {
  readonly seq: number;
  readonly createdAt: string;
  readonly previousEta: string | null;
  readonly eta: string | null;
}

/** Mails read per page: a page's payloads are parsed and dropped before the next is read. */
const MAIL_PAGE = 5000;

/**
 * Calls `visit` with every customer mail of an order of the given event types (those that can tell
 * a date: confirmations, date changes), in pages by event along the unique (target, event_seq) index: no page sorts the rest.
 */
async function eachCustomerMail(db: Kysely<unknown>, types: readonly string[], visit: (mail: OrderMail, news: LineNews) => void): Promise<void> {
  for (let after = 0; ;) {
    const { rows } = await sql<OrderMail>`
      select d.event_seq, d.event_type, e.subject_id, e.payload, e.created_at, d.status, d.last_error, d.delivered_at
      from deliveries d join events e on e.seq = d.event_seq
      where d.target = 'email' and d.event_seq > ${after}
        and d.event_type in (${sql.join(types)}) and e.subject_type = 'order'
      order by d.event_seq limit ${MAIL_PAGE}`.execute(db);
    for (const mail of rows) visit(mail, JSON.parse(mail.payload) as LineNews);
    if (rows.length < MAIL_PAGE) return;
    after = Number(rows[rows.length - 1]?.event_seq);
  }
}

/** Whether the mail went out: the worker notes 'sent to N recipient(s)' on those it sent, and why on the others. */
function wasSent(mail: OrderMail): boolean {
  return mail.status === 'delivered' && mail.last_error !== null && mail.last_error.startsWith('sent to ');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
