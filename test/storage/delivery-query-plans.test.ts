import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookEndpoint } from '../../src/app/communication/manage-webhook-endpoints.js';
import type { NewEvent, Store } from '../../src/app/ports.js';
import { must } from '../support/fixtures.js';
import { recordSqliteStatements, type RanStatement } from '../support/statement-count.js';
import { createTestDatabase, type TestDatabase } from '../support/stores.js';

const LOOPBACK = { allowLoopback: true, allowPrivate: false };

// SQLite keeps no statistics here, so its plans follow the schema alone; PostgreSQL plans by its own.
describe('the dispatcher\'s reads of pending deliveries on SQLite', () => {
  let database: TestDatabase;
  let store: Store;

  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    store = await database.open();
  });

  afterEach(async () => {
    await store.close();
    await database.drop();
  });

  it('go through the pending deliveries\' indexes, never past a target\'s delivered history', async () => {
    const endpoint = must(await createWebhookEndpoint(store, { url: 'http://127.0.0.1:9/hooks' }, LOOPBACK, 'test'));
    const target = `webhook:${endpoint.id}`;
    await store.transaction(async (tx) => {
      await tx.insertEvents(Array.from({ length: 50 }, (_, i): NewEvent => ({ type: 'item.status_changed', subjectType: 'item', subjectId: `S${i % 5}`, payload: {} })));
      const events = await tx.listEvents(0, 100);
      await tx.communication.insertDeliveries(events.map((e) => ({ target, endpointId: endpoint.id, eventSeq: e.seq, eventType: e.type, subject: `item:${e.subjectId}` })));
      await tx.communication.insertDeliveries(events.map((e) => ({ target: 'email', endpointId: null, eventSeq: e.seq, eventType: e.type, subject: `item:${e.subjectId}` })));
      await tx.communication.saveFanOutCursor({ lastSeq: events.at(-1)?.seq ?? 0, gap: null });
    });
    const ran = await recordSqliteStatements(async () => {
      await store.read((tx) => tx.communication.hasWork(['email']));
      await store.transaction((tx) => tx.communication.claimDeliveries('worker-a', 10, 5, 60_000, ['email']));
      await store.transaction((tx) => tx.communication.closeUnsent('email', new Date().toISOString(), 'too old'));
    });
    const reads = ran.filter((s) => /\bdeliveries\b/.test(s.sql) && !/^\s*(insert|update deliveries set locked_until)/i.test(s.sql));
    expect(reads.length).toBeGreaterThanOrEqual(4);
    const sqlite = new BetterSqlite3(database.sqlitePath as string, { readonly: true });
    try {
      for (const statement of reads) {
        const plan = sqlite.prepare(`explain query plan ${statement.sql}`).all(...statement.params as unknown[]) as { detail: string }[];
        const steps = plan.map((p) => p.detail).filter((d) => /\bdeliveries\b|\b[de]\b USING|SCAN [de]\b/.test(d));
        // Every step on deliveries seeks a pending-only index (or a row by id); none walks all of them.
        for (const step of steps) expect(step, statement.sql).toMatch(/USING (COVERING )?INDEX deliveries_(target_pending|chain|pending)\b|USING INTEGER PRIMARY KEY/);
      }
    } finally {
      sqlite.close();
    }
  });

  it('look for a line\'s next pending date change in its chain\'s range of the pending index, from the change being sent on', async () => {
    const ran = await recordSqliteStatements(() => store.read((tx) => tx.communication.nextPendingLineEvent('email', 'order:1', 'backorder.eta_changed', 3, 5)));
    expect(ran).toHaveLength(1);
    const sqlite = new BetterSqlite3(database.sqlitePath as string, { readonly: true });
    try {
      const [statement] = ran as [RanStatement];
      const plan = (sqlite.prepare(`explain query plan ${statement.sql}`).all(...statement.params as unknown[]) as { detail: string }[]).map((p) => p.detail);
      // Walked in event order from the change on, each event read by its key until the first of the line: no sort, no scan.
      expect(plan).toContain('SEARCH deliveries USING INDEX deliveries_chain (target=? AND subject=? AND event_seq>?)');
      for (const step of plan.filter((d) => /\b(events|e)\b/.test(d))) expect(step).toMatch(/USING INTEGER PRIMARY KEY/);
      expect(plan.join('\n')).not.toMatch(/\bSCAN\b|TEMP B-TREE/);
    } finally {
      sqlite.close();
    }
  });
});
