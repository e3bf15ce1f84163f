import type { Command } from 'commander';
import { communicationSettingsFromEnv } from '../../app/communication/communication-settings.js';
import { createWebhookEndpoint, listWebhookEndpoints } from '../../app/communication/manage-webhook-endpoints.js';
import type { Delivery } from '../../app/communication/ports.js';
import { listDeliveries, replayDeadLetters } from '../../app/communication/webhook-deliveries.js';
import { countOption, idArgument } from '../args.js';
import { action, badInput, unwrap } from '../context.js';
import { cell, instant, withCursor } from '../format.js';
import { unwrapSelected } from '../selection.js';
import { renderTable } from '../table.js';

/** `restock webhooks list|add|dead|replay`: endpoints and their dead letters (SPEC §6). */
export function webhooksCommand(program: Command): void {
  const webhooks = program.command('webhooks').description('webhook endpoints, dead letters and replays');

  webhooks
    .command('list')
    .description('every endpoint, with its filter and health (never the secrets)')
    .action(action(async (ctx) => {
      const endpoints = unwrap(await listWebhookEndpoints(await ctx.store()));
      ctx.print({ items: endpoints }, () =>
        endpoints.length === 0
          ? 'no webhook endpoints'
          : renderTable(
              [{ header: 'id', align: 'right' }, { header: 'url' }, { header: 'events' }, { header: 'active' }, { header: 'failures', align: 'right' }, { header: 'disabled because' }],
              endpoints.map((e) => [String(e.id), e.url, e.eventTypes.length === 0 ? 'all' : e.eventTypes.join(','), e.active ? 'yes' : 'no', String(e.failureStreak), cell(e.disabledReason)]),
            ),
      );
    }));

  webhooks
    .command('add <url>')
    .description('register an endpoint; its signing secret is printed once')
    .option('--events <types>', 'comma-separated event types or families (order.*); default every type')
    .option('--secret <secret>', 'a secret of 16–200 characters (default: generated)')
    .option('--description <text>', 'what receives these events')
    .action(action(async (ctx, url: string, options: { events?: string; secret?: string; description?: string }) => {
      const input = {
        url,
        ...(options.events !== undefined ? { eventTypes: options.events.split(',').map((t) => t.trim()).filter((t) => t !== '') } : {}),
        ...(options.secret !== undefined ? { secret: options.secret } : {}),
        ...(options.description !== undefined ? { description: options.description } : {}),
      };
      const { addressPolicy } = unwrap(communicationSettingsFromEnv());
      const endpoint = unwrap(await createWebhookEndpoint(await ctx.store(), input, addressPolicy, ctx.actor));
      ctx.print(endpoint, () => `registered endpoint ${endpoint.id} (${endpoint.url})\n\n  signing secret: ${endpoint.secret}\n\nverify Restock-Signature with it; it is shown only this once`);
    }));

  webhooks
    .command('dead')
    .description('deliveries that failed their last try, newest first')
    .option('--endpoint <id>', 'only this endpoint\'s')
    .option('--limit <n>', 'page size (default 50)')
    .option('--cursor <cursor>', 'the next page, as printed after the last one')
    .action(action(async (ctx, options: { endpoint?: string; limit?: string; cursor?: string }) => {
      const page = unwrapSelected(await listDeliveries(await ctx.store(), {
        status: 'dead',
        endpointId: options.endpoint === undefined ? undefined : idArgument('endpoint', options.endpoint),
        limit: countOption('limit', options.limit, 50, 500),
        cursor: options.cursor,
      }));
      ctx.print(page, () => (page.items.length === 0 ? 'no dead letters' : withCursor(page, deliveryTable(page.items))));
    }));

  webhooks
    .command('replay [ids...]')
    .description('send dead letters again with a fresh attempt count: the given delivery ids, or all of --endpoint, or --all')
    .option('--endpoint <id>', 'every dead letter of this endpoint')
    .option('--all', 'every dead letter')
    .action(action(async (ctx, ids: string[], options: { endpoint?: string; all?: boolean }) => {
      const chosen = ids.map((id) => idArgument('ids', id));
      if (chosen.length === 0 && options.endpoint === undefined && options.all !== true) {
        badInput('ids', 'name delivery ids, --endpoint <id> or --all');
      }
      const input = chosen.length > 0 ? { ids: chosen } : options.endpoint !== undefined ? { endpointId: idArgument('endpoint', options.endpoint) } : {};
      const result = unwrapSelected(await replayDeadLetters(await ctx.store(), input));
      ctx.print(result, () => `${result.replayed} dead letter(s) queued again`);
    }));
}

function deliveryTable(deliveries: readonly Delivery[]): string {
  return renderTable(
    [{ header: 'id', align: 'right' }, { header: 'target' }, { header: 'event', align: 'right' }, { header: 'type' }, { header: 'subject' }, { header: 'tries', align: 'right' }, { header: 'last error' }, { header: 'updated' }],
    deliveries.map((d) => [String(d.id), d.target, String(d.eventSeq), d.eventType, d.subject, String(d.attempts), cell(d.lastError), instant(d.updatedAt)]),
  );
}
