/** FNV-1a, 32 bits, over UTF-16 code units, with a seed. Pure. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/**
 * 16 hex digits: fnv1a of `parts.join(sep)` with the default seed, then with
 * 0x9e3779b9, in one pass and without building the joined string. The
 * fingerprints of lexicon sets, models, listing texts and content keys.
 */
export function fingerprint64(parts: readonly string[], sep = '\n'): string {
  const sc = sep.charCodeAt(0);
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let k = 0; k < parts.length; k++) {
    if (k > 0) { a = Math.imul(a ^ sc, 0x01000193) >>> 0; b = Math.imul(b ^ sc, 0x01000193) >>> 0; }
    const t = parts[k]!;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193) >>> 0;
      b = Math.imul(b ^ c, 0x01000193) >>> 0;
    }
  }
  return hex8(a) + hex8(b);
}
