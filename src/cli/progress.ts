/** Reports progress of long work; silent unless its stream (stderr) is a terminal. */
export interface Progress {
  /** Sets how much of `total` is done (and, optionally, a new total or label). */
  update(done: number, total?: number, label?: string): void;
  /** Clears the bar so the command's own output starts on a clean line. */
  finish(): void;
}

const WIDTH = 28;
const REDRAW_MS = 80;

/**
 * A one-line progress bar on stderr when it is a TTY (`label [#####·····]  45%  450/1000`);
 * when output is piped or redirected it writes nothing, so scripts see only the result.
 */
export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, finish: () => undefined };
  let total = 0;
  let done = 0;
  let text = label;
  let drawnAt = 0;
  let drawn = false;
  const draw = () => {
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(share * WIDTH);
    const bar = `${'#'.repeat(filled)}${'·'.repeat(WIDTH - filled)}`;
    const line = `${text} [${bar}] ${String(Math.floor(share * 100)).padStart(3)}%  ${done}/${total}`;
    // A terminal that does not report its width (0) is taken to be 80 columns wide.
    const columns = stream.columns > 0 ? stream.columns : 80;
    stream.write(`\r${line.slice(0, Math.max(10, columns - 1))}\x1b[K`);
    drawn = true;
    drawnAt = Date.now();
  };
  return {
    update(nextDone, nextTotal, nextLabel) {
      done = nextDone;
      if (nextTotal !== undefined) total = nextTotal;
      if (nextLabel !== undefined && nextLabel !== text) {
        text = nextLabel;
        drawnAt = 0;
      }
      if (Date.now() - drawnAt >= REDRAW_MS || done >= total) draw();
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}
