import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 80, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream };
}

describe('the progress bar', () => {
  it('draws on a terminal and clears its line when done', () => {
    const { writes, stream } = fakeStream(true);
    const progress = createProgress('importing', stream);
    progress.update(5, 10);
    progress.update(10, 10);
    progress.finish();
    expect(writes[0]).toMatch(/^\rimporting \[#{14}·{14}\]  50%  5\/10/);
    expect(writes[1]).toMatch(/\[#{28}\] 100%  10\/10/);
    expect(writes.at(-1)).toBe('\r\x1b[K');
  });

  it('writes nothing when the output is not a terminal', () => {
    const { writes, stream } = fakeStream(false);
    const progress = createProgress('importing', stream);
    progress.update(1, 2);
    progress.finish();
    expect(writes).toEqual([]);
  });
});
