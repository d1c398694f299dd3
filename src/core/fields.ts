/** Field values of a record by dotted path. Pure. */

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
