import { sql, type Kysely } from 'kysely';
import { chunks } from '../chunks.js';
import type { DialectName } from '../dialect-name.js';

/**
 * The promise date each backordered line's customer was last mailed (null: that it had none), so
 * a date change's mail says "instead of" what the customer last heard, and none is sent for a date
 * they already know: a confirmation shows the line's date as of when it goes out, which no event
 * records, and the changes between two mails are not all mailed. A line without a row was never
 * mailed a date.
 *
 * Lines waiting now start from what the mails sent so far told, as far as the outbox shows: the
 * date before the first of their date changes still waiting to be mailed, else their current date
 * (the confirmation or the last change mailed it).
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create table line_dates_mailed (line_id integer primary key references order_lines(id), eta varchar(10))`.execute(db);
  const { rows: waiting } = await sql<{ id: number; eta: string | null }>`select id, eta from order_lines where backordered > 0`.execute(db);
  if (waiting.length === 0) return;
  const { rows: unmailed } = await sql<{ payload: string }>`
    select e.payload from deliveries d join events e on e.seq = d.event_seq
    where d.target = 'email' and d.status = 'pending' and d.event_type = 'backorder.eta_changed'
    order by d.event_seq`.execute(db);
  const dateBefore = new Map<number, string | null>();
  for (const { payload } of unmailed) {
    const change = JSON.parse(payload) as { lineId?: number; previousEta?: string | null };
    if (change.lineId !== undefined && !dateBefore.has(change.lineId)) dateBefore.set(change.lineId, change.previousEta ?? null);
  }
  for (const chunk of chunks(waiting, 500)) {
    const rows = chunk.map((line) => sql`(${line.id}, ${dateBefore.has(line.id) ? (dateBefore.get(line.id) ?? null) : line.eta})`);
    await sql`insert into line_dates_mailed (line_id, eta) values ${sql.join(rows)}`.execute(db);
  }
}
