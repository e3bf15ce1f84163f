import type { Command } from 'commander';
import { listAuditTrail } from '../../app/audit-trail.js';
import type { FieldChanges } from '../../domain/field-changes.js';
import { numeric } from '../args.js';
import { action, unwrap } from '../context.js';
import { instant, withCursor } from '../format.js';
import { renderTable } from '../table.js';

/** `restock audit`: who changed which setting, when, and how (newest first). */
export function auditCommand(program: Command): void {
  program
    .command('audit')
    .description('the audit trail of setting changes (items, locations, suppliers, webhooks, keys, purchase orders), newest first')
    .option('--subject-type <type>', 'item, location, supplier, item_supplier, webhook_endpoint, api_key or purchase_order')
    .option('--subject <key>', 'the subject\'s sku, code, "sku/supplier" or id')
    .option('--actor <actor>', 'e.g. key:3 or cli:alice')
    .option('--since <time>', 'date or ISO-8601 time, inclusive')
    .option('--until <time>', 'date or ISO-8601 time, exclusive')
    .option('--limit <n>', 'at most this many entries (1–500, default 50)')
    .option('--cursor <cursor>', 'the next page, as the previous page gave it')
    .action(action(async (ctx, options: { subjectType?: string; subject?: string; actor?: string; since?: string; until?: string; limit?: string; cursor?: string }) => {
      const page = unwrap(await listAuditTrail(await ctx.store(), {
        subjectType: options.subjectType, subject: options.subject, actor: options.actor,
        since: options.since, until: options.until, cursor: options.cursor, limit: numeric(options.limit) as number | undefined,
      }));
      ctx.print(page, () =>
        withCursor(page, page.items.length === 0
          ? 'no setting changes'
          : renderTable(
              [{ header: 'time' }, { header: 'actor' }, { header: 'subject' }, { header: 'action' }, { header: 'changes' }],
              page.items.map((e) => [instant(e.createdAt), e.actor, `${e.subjectType} ${e.subjectKey}`, e.action, describeChanges(e.changes)]),
            )),
      );
    }));
}

/** `field: from → to` for each changed field, short enough for a table cell. */
function describeChanges(changes: FieldChanges): string {
  const shown = (value: unknown) => {
    const text = value === null ? '–' : typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > 40 ? `${text.slice(0, 39)}…` : text;
  };
  return Object.entries(changes).map(([field, change]) => `${field}: ${shown(change.from)} → ${shown(change.to)}`).join('; ');
}
