import type { Command } from 'commander';
import { createApiKey, listApiKeys, revokeApiKey } from '../../app/api-keys.js';
import type { ApiKeyRecord } from '../../app/ports.js';
import { idArgument } from '../args.js';
import { action, unwrap } from '../context.js';
import { cell, instant } from '../format.js';
import { renderTable } from '../table.js';

/** `restock keys create|list|revoke`: API keys (stored hashed; a secret is shown once). */
export function keysCommand(program: Command): void {
  const keys = program.command('keys').description('API keys for the HTTP API (roles: admin, operator, storefront, viewer)');

  keys
    .command('create')
    .description('create a key; its secret is printed once and never stored')
    .requiredOption('--name <text>', 'who or what uses the key')
    .requiredOption('--role <role>', 'admin, operator, storefront or viewer')
    .action(action(async (ctx, options: { name: string; role: string }) => {
      const created = unwrap(await createApiKey(await ctx.store(), { name: options.name, role: options.role }, ctx.actor));
      ctx.print({ ...created.key, key: created.secret }, () =>
        `created key ${created.key.id} (${created.key.name}, ${created.key.role})\n\n  ${created.secret}\n\nsend it as "Authorization: Bearer <key>"; it is shown only this once`);
    }));

  keys
    .command('list')
    .description('every key, revoked ones too (never the secrets)')
    .action(action(async (ctx) => {
      const all = await listApiKeys(await ctx.store());
      ctx.print({ items: all }, () =>
        all.length === 0
          ? 'no API keys'
          : renderTable(
              [{ header: 'id', align: 'right' }, { header: 'name' }, { header: 'role' }, { header: 'created' }, { header: 'revoked' }],
              all.map((k: ApiKeyRecord) => [String(k.id), k.name, k.role, instant(k.createdAt), cell(k.revokedAt === null ? null : instant(k.revokedAt))]),
            ),
      );
    }));

  keys
    .command('revoke <id>')
    .description('revoke a key at once (the last active admin key cannot be revoked)')
    .action(action(async (ctx, id: string) => {
      const key = unwrap(await revokeApiKey(await ctx.store(), idArgument('id', id), ctx.actor));
      ctx.print(key, () => `revoked key ${key.id} (${key.name})`);
    }));
}
