import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/isolated-build.js';

/** The README's Configuration section, where every setting is to be found. */
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const configuration = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));

/** Every source file of the service (tests aside). */
function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** RESTOCK_* names in `text`, but not the families a comment names with a wildcard (RESTOCK_PLAN_*). */
function settingNames(text: string): Set<string> {
  return new Set([...text.matchAll(/\bRESTOCK_[A-Z0-9_]*[A-Z0-9]\b(?!_\*)/g)].map((match) => match[0]));
}

describe("the README's configuration", () => {
  it('documents every setting the code reads, each by its full name, and none it does not', () => {
    const read = new Set([...sources(join(ROOT, 'src')).flatMap((file) => [...settingNames(readFileSync(file, 'utf8'))]), 'DATABASE_URL', 'PORT', 'HOST']);
    expect(read.size).toBeGreaterThan(40);
    const undocumented = [...read].filter((name) => !configuration.includes(`\`${name}\``)).sort();
    expect(undocumented).toEqual([]);
    const unknown = [...settingNames(configuration)].filter((name) => !read.has(name)).sort();
    expect(unknown).toEqual([]);
  });
});
