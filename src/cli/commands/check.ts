import type { Command } from 'commander';
import { checkInvariants } from '../../app/check-invariants.js';
import { EXIT } from '../exit-codes.js';
import { action } from '../context.js';
import { renderTable } from '../table.js';

const INVARIANTS = [
  '0 ≤ allocated ≤ onHand for every stock level',
  'each stock level equals the sum of its ledger movements',
  'allocated of a level equals the sum of open line allocations there',
  'quantity = allocated + backordered + shipped + cancelled on every line',
  'no backorder waits while its item has available units',
  "each item's count of waiting units equals its queue (backorder limits are enforced against it)",
  "each order's status is the one its lines give",
  'no purchase-order line counts a unit as both received and cancelled (quantity = received + cancelled + open)',
] as const;

/** Subject fields that say where a violation is: what an operator acts on (sku, location code, order), then internal ids. */
const PLACE = new Set(['sku', 'location', 'order_id', 'external_id', 'po_id', 'line_no', 'line_id', 'item_id', 'location_id']);

/** `restock check`: verifies SPEC §3's invariants on the live database; exit 1 on any violation. */
export function checkCommand(program: Command): void {
  program
    .command('check')
    .description("verify the ledger and queue invariants on the live database (exit 1 if any is broken)")
    .action(action(async (ctx) => {
      const store = await ctx.store();
      const violations = await checkInvariants(store);
      ctx.print({ ok: violations.length === 0, violations }, () => {
        const summary = [`checked the ${ctx.databaseInUse()}`, ...INVARIANTS.map((text, index) => {
          const broken = violations.filter((v) => v.invariant === index + 1).length;
          return `${broken === 0 ? 'ok  ' : 'FAIL'}  ${index + 1}. ${text}${broken === 0 ? '' : ` — ${broken} violation${broken === 1 ? '' : 's'}`}`;
        })];
        if (violations.length === 0) return `${summary.join('\n')}\n\nall invariants hold`;
        const details = renderTable(
          [{ header: '#', align: 'right' }, { header: 'violation' }, { header: 'where' }, { header: 'found' }],
          violations.map((v) => {
            const entries = Object.entries(v.subject);
            return [String(v.invariant), v.message, pairs(entries.filter(([k]) => PLACE.has(k))), pairs(entries.filter(([k]) => !PLACE.has(k)))];
          }),
        );
        return `${summary.join('\n')}\n\n${details}\n\n${violations.length} violation${violations.length === 1 ? '' : 's'}`;
      });
      if (violations.length > 0) process.exitCode = EXIT.failure;
    }));
}

function pairs(entries: readonly (readonly [string, unknown])[]): string {
  return entries.filter(([, value]) => value !== null).map(([key, value]) => `${key}=${String(value)}`).join(' ');
}
