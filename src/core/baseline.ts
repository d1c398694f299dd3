/**
 * Reviewed findings (score --baseline): decisions a person made on listings
 * of an earlier scrape, keyed on what a listing says, never on where it
 * stood in a file: its id (from the id field) or the fingerprint of its text,
 * and the evidence it was flagged for (entry and matched text). A listing is
 * a reviewed finding when a decision names it and it has no evidence the
 * decision did not see: a new code word in a re-posted ad brings it back.
 * Pure.
 */
import { fingerprint64 } from './hash.js';

/** 16 hex digits over a listing's normalized item fields (a repost with the same words has the same one). */
export function textFingerprint(normalized: readonly string[]): string {
  return fingerprint64(normalized, '\n');
}

/**
 * 16 hex digits over what a listing's score depends on: the lexicon set and
 * every scored field (name, role, text). The same key means the same score,
 * so `score --seen` can skip the listing.
 */
export function contentKey(lexicons: string, texts: readonly { name: string; text: string; role?: string }[]): string {
  const parts = [lexicons];
  for (const t of texts) parts.push(t.role ?? 'item', t.name, t.text);
  return fingerprint64(parts, '\u0000');
}

/** The evidence a listing was flagged for: "entry=matched text" of its hits that add to the score, sorted, each once. */
export function evidenceKeys(hits: readonly { entry: string; kind: string; match: string; contribution: number }[]): string[] {
  const keys = new Set<string>();
  for (const h of hits) if (h.contribution > 0 && (h.kind === 'product' || h.kind === 'species' || h.kind === 'code_word')) keys.add(`${h.entry}=${h.match.toLowerCase()}`);
  return [...keys].sort();
}

export interface Decision {
  /** the listing's id (from its id field) */
  id?: string;
  /** or the fingerprint of its text (the record's `fingerprint`) */
  fingerprint?: string;
  /** what the reviewer decided: free text ("offer", "not an offer", "reported"...) */
  decision: string;
  note?: string;
  reviewer?: string;
  date?: string;
  /** the evidence it was reviewed with (evidenceKeys); absent: any evidence */
  evidence?: string[];
}

export class Baseline {
  private readonly byId = new Map<string, Decision[]>();
  private readonly byFingerprint = new Map<string, Decision[]>();
  size = 0;

  add(d: Decision): void {
    const push = (m: Map<string, Decision[]>, k: string) => {
      const list = m.get(k);
      if (list) list.push(d);
      else m.set(k, [d]);
    };
    if (d.id !== undefined) push(this.byId, d.id);
    if (d.fingerprint !== undefined) push(this.byFingerprint, d.fingerprint);
    this.size++;
  }

  /**
   * A decision that covers a listing: one naming
   * its id (when the id came from an id field, not a row number) or its
   * fingerprint, whose evidence includes all of the listing's.
   */
  decisionFor(listing: { id: string | undefined; fingerprint: string; evidence: readonly string[] }): Decision | undefined {
    const candidates = [...(listing.id !== undefined ? this.byId.get(listing.id) ?? [] : []), ...(this.byFingerprint.get(listing.fingerprint) ?? [])];
    let found: Decision | undefined;
    for (const d of candidates) {
      const seen = d.evidence === undefined ? undefined : new Set(d.evidence);
      if (seen === undefined || listing.evidence.every((k) => seen.has(k))) found = d;
    }
    return found;
  }
}
