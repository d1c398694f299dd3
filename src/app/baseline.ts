/**
 * Reads a baseline (score --baseline): a decisions file (JSON Lines of
 * {id | fingerprint, decision, note?, reviewer?, date?, evidence?}) or the
 * JSON Lines output of an earlier `wildsift score` run, whose flagged
 * listings count as reviewed with the evidence they had then. Any mix of the
 * two; a line that is neither is an error naming the file and line.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Baseline, evidenceKeys, type Decision } from '../core/baseline.js';
import { InputError } from '../core/errors.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/** A decision from one parsed line, or why it is not one. */
export function decisionOf(v: unknown): Decision | string {
  if (!isObject(v)) return 'not a JSON object';
  if (typeof v.schema === 'string' && v.schema.startsWith('wildsift.score/')) {
    if (v.flagged !== true) return 'not flagged';
    const hits = Array.isArray(v.hits) ? (v.hits as { entry: string; kind: string; match: string; contribution: number }[]) : [];
    const d: Decision = { decision: 'flagged in the baseline run', evidence: evidenceKeys(hits) };
    const fp = str(v.fingerprint);
    if (fp) d.fingerprint = fp;
    // a row number says nothing about another file: only an id from an id field keys a listing
    const id = str(v.id);
    if (id !== undefined && id !== String(v.row)) d.id = id;
    if (d.id === undefined && d.fingerprint === undefined) return 'a score record without an id field or a fingerprint';
    return d;
  }
  const decision = str(v.decision);
  if (decision === undefined) return 'neither a score record nor a decision (a decision needs "decision" and "id" or "fingerprint")';
  const d: Decision = { decision };
  const id = str(v.id);
  const fp = str(v.fingerprint);
  if (id === undefined && fp === undefined) return 'a decision without "id" or "fingerprint"';
  if (id !== undefined) d.id = id;
  if (fp !== undefined) d.fingerprint = fp;
  for (const k of ['note', 'reviewer', 'date'] as const) if (str(v[k]) !== undefined) d[k] = str(v[k])!;
  if (v.evidence !== undefined) {
    if (!Array.isArray(v.evidence) || !v.evidence.every((e) => typeof e === 'string')) return '"evidence" must be a list of "entry=matched text" strings';
    d.evidence = v.evidence as string[];
  }
  return d;
}

export async function readBaseline(files: readonly string[]): Promise<Baseline> {
  const b = new Baseline();
  for (const file of files) {
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let n = 0;
    try {
      for await (const line of lines) {
        n++;
        if (line.trim() === '') continue;
        let v: unknown;
        try {
          v = JSON.parse(line);
        } catch (err) {
          throw new InputError(`${file}: line ${n}: not JSON (${(err as Error).message})`, { option: 'baseline' });
        }
        const d = decisionOf(v);
        if (d === 'not flagged') continue;
        if (typeof d === 'string') throw new InputError(`${file}: line ${n}: ${d}`, { option: 'baseline' });
        b.add(d);
      }
    } catch (err) {
      if (err instanceof InputError) throw err;
      const e = err as NodeJS.ErrnoException;
      throw new InputError(`${file}: cannot read the baseline: ${e.code === 'ENOENT' ? 'no such file' : e.message}`, { option: 'baseline' });
    }
  }
  return b;
}
