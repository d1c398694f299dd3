/**
 * A progress bar on stderr (cli-progress), only when stderr is a terminal,
 * not in CI, and not turned off with --no-progress or --quiet.
 */
import { createRequire } from 'node:module';
import type cliProgressTypes from 'cli-progress';

/** cli-progress, required when a bar is drawn (8 ms to load, which runs without a terminal never pay). */
const loadCliProgress = () => createRequire(import.meta.url)('cli-progress') as typeof cliProgressTypes;
import type { CliIO } from './io.js';

export class Progress {
  private bar: cliProgressTypes.SingleBar | undefined;
  private readBytes = 0;
  private readonly now: () => number;
  private readonly started: number;
  private last = 0;

  /** `now` is the clock in milliseconds (Date.now; a test passes its own). */
  constructor(io: CliIO, opts: { enabled: boolean; totalBytes: number | undefined; now?: () => number }) {
    this.now = opts.now ?? Date.now;
    this.started = this.now();
    const ci = io.env.CI !== undefined && io.env.CI !== '' && io.env.CI !== 'false';
    if (!opts.enabled || !io.stderrIsTTY || ci) return;
    const total = opts.totalBytes ?? 0;
    const cliProgress = loadCliProgress();
    this.bar = new cliProgress.SingleBar(
      {
        stream: io.stderr as NodeJS.WritableStream,
        format: total > 0
          ? 'wildsift [{bar}] {percentage}% | {rows} rows, {rate} rows/s, {flagged} flagged | {mb} of {totalMb} MB'
          : 'wildsift {rows} rows, {rate} rows/s, {flagged} flagged | {mb} MB read',
        hideCursor: true,
        clearOnComplete: true,
        fps: 5,
        noTTYOutput: false,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total > 0 ? total : 1, 0, { rows: 0, rate: 0, flagged: 0, mb: '0.0', totalMb: (total / 1e6).toFixed(1) });
  }

  bytes(n: number): void {
    this.readBytes += n;
  }

  row(rows: number, flagged: number): void {
    if (!this.bar) return;
    const now = this.now();
    if (now - this.last < 100) return;
    this.last = now;
    const secs = Math.max(0.001, (now - this.started) / 1000);
    this.bar.update(this.readBytes, { rows, rate: Math.round(rows / secs), flagged, mb: (this.readBytes / 1e6).toFixed(1) });
  }

  stop(): void {
    if (!this.bar) return;
    this.bar.stop();
    this.bar = undefined;
  }
}
