import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Customer communication (SPEC §6): webhook endpoints, one delivery row per target × event with its
 * retry state, the fan-out cursor over the outbox, back-in-stock subscriptions and the server
 * secret that signs unsubscribe links.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const id = (name: string) => (dialect === 'postgres' ? sql.raw(`${name} serial primary key`) : sql.raw(`${name} integer primary key autoincrement`));
  const statements = [
    sql`create table webhook_endpoints (
      ${id('id')}, url text not null, secret text not null, event_types text not null default '[]',
      description text, active integer not null default 1, failure_streak integer not null default 0,
      disabled_reason text, created_at varchar(32) not null, updated_at varchar(32) not null)`,
    // target is 'webhook:<id>', 'email' or 'subscriptions'; subject is '<type>:<id>'. A target's
    // deliveries of one subject form a chain that is delivered strictly in event order.
    sql`create table deliveries (
      ${id('id')}, target varchar(32) not null, endpoint_id integer references webhook_endpoints(id) on delete cascade,
      event_seq integer not null references events(seq), event_type varchar(64) not null, subject varchar(150) not null,
      status varchar(16) not null check (status in ('pending','delivered','dead')),
      attempts integer not null default 0, next_attempt_at varchar(32) not null,
      locked_until varchar(32), locked_by varchar(64), last_error text, last_status integer,
      created_at varchar(32) not null, updated_at varchar(32) not null, delivered_at varchar(32),
      unique (target, event_seq))`,
    sql`create index deliveries_chain on deliveries (target, subject, event_seq) where status = 'pending'`,
    sql`create index deliveries_pending on deliveries (event_seq) where status = 'pending'`,
    sql`create index deliveries_by_endpoint on deliveries (endpoint_id, status, id)`,
    // gap_*: a hole in the outbox sequence seen at fan-out, kept until it is known to be permanent.
    sql`create table outbox_cursors (
      name varchar(32) primary key, last_seq integer not null,
      gap_horizon integer, gap_writers text, gap_seen_at varchar(32))`,
    // Events written before this migration are history, not news: nothing is sent for them.
    sql`insert into outbox_cursors (name, last_seq) select 'fan-out', coalesce(max(seq), 0) from events`,
    // Also the demand signal for forecasting: one row per (item, address) request, by created_at.
    sql`create table subscriptions (
      ${id('id')}, item_id integer not null references items(id), sku varchar(64) not null,
      email text not null, email_key text not null,
      status varchar(16) not null check (status in ('active','notified','unsubscribed')),
      requests integer not null default 1, created_at varchar(32) not null,
      notified_at varchar(32), unsubscribed_at varchar(32))`,
    sql`create unique index subscriptions_active on subscriptions (item_id, email_key) where status = 'active'`,
    sql`create index subscriptions_waiting on subscriptions (item_id, created_at, id) where status = 'active'`,
    sql`create index subscriptions_created on subscriptions (created_at)`,
    sql`create table communication_secrets (name varchar(32) primary key, value text not null)`,
    sql`insert into communication_secrets (name, value) values ('unsubscribe', ${randomBytes(32).toString('hex')})`,
  ];
  for (const statement of statements) await statement.execute(db);
}
