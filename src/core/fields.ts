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

/** Dotted paths of all leaves of a record (for error messages and "every string field"); iterative, so any depth or width is safe. */
export function fieldPaths(row: Row, prefix = ''): string[] {
  const out: string[] = [];
  const stack: { entries: [string, unknown][]; next: number; prefix: string }[] = [{ entries: Object.entries(row), next: 0, prefix }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next >= top.entries.length) { stack.pop(); continue; }
    const [k, v] = top.entries[top.next++]!;
    const p = top.prefix ? `${top.prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) stack.push({ entries: Object.entries(v), next: 0, prefix: p });
    else out.push(p);
  }
  return out;
}

/**
 * Records may nest objects and arrays this many levels (the record itself is
 * level 1). Deeper ones are rejected when read: structured cloning to a
 * worker overflowed the stack at 5,000 levels, JSON.stringify at about 10,000.
 */
export const MAX_DEPTH = 100;

/** Whether a value nests objects or arrays deeper than `max` levels (the value itself is level 1). Iterative. */
export function deeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > max) return true;
    for (const x of Array.isArray(v) ? v : Object.values(v as object)) if (x !== null && typeof x === 'object') stack.push([x, depth + 1]);
  }
  return false;
}
