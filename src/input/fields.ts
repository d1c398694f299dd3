/** Which fields of a record are text to score, and which one is the id. Pure. */
import { InputError } from '../errors.js';

export const DEFAULT_TEXT_FIELDS = ['title', 'name', 'description', 'desc', 'body', 'text', 'content', 'caption', 'message', 'tags'];
export const DEFAULT_ID_FIELDS = ['id', 'listing_id', 'url'];

export type Row = Record<string, unknown>;

/** Value at a dotted path; an exact key containing dots wins over descending. */
export function getPath(row: Row, p: string): unknown {
  if (Object.prototype.hasOwnProperty.call(row, p)) return row[p];
  let cur: unknown = row;
  for (const part of p.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
    cur = (cur as Row)[part];
  }
  return cur;
}

export function hasPath(row: Row, p: string): boolean {
  return getPath(row, p) !== undefined;
}

/** Text of a value: strings as is, arrays of strings joined, numbers and booleans ignored. */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string').join(' \n ');
  return '';
}

/** Dotted paths of all leaves of a record (for error messages and "every string field"). */
export function fieldPaths(row: Row, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(row)) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) out.push(...fieldPaths(v as Row, p));
    else out.push(p);
  }
  return out;
}

function findKey(row: Row, wanted: string): string | undefined {
  const keys = Object.keys(row);
  return keys.find((k) => k === wanted) ?? keys.find((k) => k.toLowerCase() === wanted);
}

export interface FieldPlan {
  text: string[];
  /** undefined: the row number is the id */
  id: string | undefined;
}

/**
 * Decides the text and id fields from the first record of an input.
 * Throws InputError when a requested field does not exist.
 */
export function planFields(first: Row, inputName: string, text?: readonly string[], id?: string): FieldPlan {
  const present = () => fieldPaths(first).join(', ') || '(none)';
  let textFields: string[];
  if (text && text.length > 0) {
    const missing = text.filter((f) => !hasPath(first, f));
    if (missing.length > 0) {
      throw new InputError(
        `${inputName}: text field${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} not found; fields present: ${present()}`,
      );
    }
    textFields = [...text];
  } else {
    textFields = DEFAULT_TEXT_FIELDS.map((f) => findKey(first, f)).filter((k): k is string => k !== undefined);
  }
  let idField: string | undefined;
  if (id !== undefined) {
    if (!hasPath(first, id)) throw new InputError(`${inputName}: id field "${id}" not found; fields present: ${present()}`);
    idField = id;
  } else {
    idField = DEFAULT_ID_FIELDS.map((f) => findKey(first, f)).find((k) => k !== undefined);
  }
  if (textFields.length === 0) {
    textFields = fieldPaths(first).filter((p) => p !== idField && typeof getPath(first, p) === 'string');
  }
  if (textFields.length === 0) {
    throw new InputError(`${inputName}: no text fields to score; use --text to name them (fields present: ${present()})`);
  }
  return { text: textFields, id: idField };
}
