/**
 * Label values of labelled listings (eval, train, eval --cv): which values
 * are positive, which negative, and the refusal of everything else, listing
 * what was seen. No process globals.
 */
import { InputError } from '../core/errors.js';
import { fieldPaths, getPath, type Row } from '../core/fields.js';

export const DEFAULT_POSITIVE = ['1', 'true', 'yes', 'positive'];
/** Label values read as negative when the positive values are the default ones; any other value is refused. */
export const DEFAULT_NEGATIVE = ['0', 'false', 'no', 'negative'];

export interface LabelOptions {
  label: string;
  /** the label values that mean positive; undefined: DEFAULT_POSITIVE, with DEFAULT_NEGATIVE the only negatives */
  positive?: string[];
  /** rows whose label is empty or missing are left out (counted) instead of refused */
  skipUnlabelled?: boolean;
}

/** Refuses a first record that lacks any of `fields`, listing the fields it has. */
export function requireFields(first: Row, fields: readonly string[], source: string): void {
  const missing = fields.filter((n) => getPath(first, n) === undefined);
  if (missing.length > 0) throw new InputError(`${source}: field${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} not found; fields present: ${fieldPaths(first).join(', ')}`);
}

/** Reads the label of each row; finish() refuses what was neither positive nor negative, and rows without a label. */
export class Labels {
  private readonly positives: Set<string>;
  private readonly negatives: Set<string> | undefined;
  private readonly unknown = new Map<string, number>();
  unlabelled = 0;
  private firstUnlabelled = '';

  constructor(private readonly o: LabelOptions) {
    this.positives = new Set((o.positive ?? DEFAULT_POSITIVE).map((v) => v.trim().toLowerCase()));
    this.negatives = o.positive === undefined ? new Set(DEFAULT_NEGATIVE) : undefined;
  }

  /** true or false; undefined for a row without a usable label (counted, refused at finish() unless skipped) */
  of(fields: Row, where: string): boolean | undefined {
    const raw = getPath(fields, this.o.label);
    const value = (raw === undefined || raw === null ? '' : String(raw)).trim().toLowerCase();
    if (value === '') {
      if (this.unlabelled++ === 0) this.firstUnlabelled = where;
      return undefined;
    }
    const positive = this.positives.has(value);
    if (!positive && this.negatives && !this.negatives.has(value)) {
      this.unknown.set(value, (this.unknown.get(value) ?? 0) + 1);
      return undefined;
    }
    return positive;
  }

  finish(): void {
    const problems: string[] = [];
    if (this.unknown.size > 0) {
      const seen = [...this.unknown].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const shown = seen.slice(0, 10).map(([v, n]) => `"${v}" (${n})`).join(', ');
      problems.push(`values that are neither positive (${DEFAULT_POSITIVE.join(', ')}) nor negative (${DEFAULT_NEGATIVE.join(', ')}): ${shown}${seen.length > 10 ? `, and ${seen.length - 10} more` : ''}; name the positive values, and every other value is a negative`);
    }
    if (this.unlabelled > 0 && !this.o.skipUnlabelled) problems.push(`${this.unlabelled} row${this.unlabelled === 1 ? '' : 's'} without a label (first: ${this.firstUnlabelled}); label them, or leave them out`);
    if (problems.length === 0) return;
    const options = [...(this.unknown.size > 0 ? ['positive'] : []), ...(this.unlabelled > 0 && !this.o.skipUnlabelled ? ['skipUnlabelled'] : [])];
    throw new InputError(`label field "${this.o.label}": ${problems.join('; ')}`, { option: options.join(',') });
  }
}
