import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { Progress } from '../src/cli/progress.js';
import type { CliIO } from '../src/cli/io.js';

function io(stderrIsTTY: boolean, env: Record<string, string> = {}): { io: CliIO; text: () => string } {
  const err = new PassThrough();
  let text = '';
  err.on('data', (d) => { text += String(d); });
  (err as unknown as { isTTY: boolean; columns: number }).isTTY = stderrIsTTY;
  (err as unknown as { columns: number }).columns = 100;
  return {
    io: { stdin: new PassThrough(), stdout: new PassThrough(), stderr: err, env, stdoutIsTTY: false, stderrIsTTY, columns: 100 },
    text: () => text,
  };
}

describe('progress bar', () => {
  it('draws rows, rate and bytes on a terminal, at most every 100 ms', () => {
    const t = io(true);
    let clock = 1_000_000;
    const p = new Progress(t.io, { enabled: true, totalBytes: 2_000_000, now: () => clock });
    p.bytes(1_000_000);
    clock += 2000;
    p.row(500, 7);
    clock += 50;
    p.bytes(500_000);
    p.row(900, 9); // too soon after the last update: not drawn
    p.stop();
    expect(t.text()).toMatch(/wildsift \[.*\] 50% \| 500 rows, 250 rows\/s, 7 flagged \| 1\.0 of 2\.0 MB/);
    expect(t.text()).not.toContain('900 rows');
  });
  it('stays silent off a terminal, in CI, and when turned off', () => {
    for (const [tty, env, enabled] of [[false, {}, true], [true, { CI: 'true' }, true], [true, {}, false]] as const) {
      const t = io(tty, env);
      const p = new Progress(t.io, { enabled, totalBytes: 10 });
      p.bytes(5);
      p.row(1, 0);
      p.stop();
      expect(t.text()).toBe('');
    }
  });
});
