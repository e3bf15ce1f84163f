import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's root (where package.json, web/dist and data-samples/ live), from src/ or dist/src/ alike, whatever folder the process started in. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'restock') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the restock package root');
    dir = parent;
  }
}

/** The version in package.json, for `restock --version`. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
