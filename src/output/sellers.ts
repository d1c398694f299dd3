/**
 * Account-level triage (wildsift sellers): the evidence across each
 * account's posts. Platforms act on accounts, not posts, and one trader's
 * reposts of one ad are one offer: near-duplicate groups count once. Pure:
 * works on output records.
 *
 * Ranking: distinct flagged offers (near-duplicate groups among the
 * account's flagged listings; a listing without a group counts alone),
 * then the sum over those offers of their best score, then the best score,
 * then the account name.
 */
import { getPath } from '../core/fields.js';
import { EVIDENCE_KINDS, type Kind } from '../core/types.js';
import type { OutputRecord } from './record.js';

export interface SellerOffer {
  id: string;
  score: number;
  level: string;
  products: string[];
  /** the hits that add to its score: entry, matched text, contribution */
  evidence: { entry: string; match: string; field: string; contribution: number }[];
}

export interface SellerRow {
  rank: number;
  seller: string;
  listings: number;
  flagged: number;
  /** distinct flagged offers: reposts of one ad (a near-duplicate group) count once */
  offers: number;
  /** the sum of the best score of each distinct offer */
  evidence: number;
  best: number;
  /** distinct products of the flagged listings, most listings first */
  products: string[];
  /** the strongest offers, one per near-duplicate group, best first */
  top: SellerOffer[];
  /** what the account's bio or shop fields say (the first non-empty value of each) */
  profile: Record<string, string>;
}

interface Acc {
  seller: string;
  listings: number;
  flagged: number;
  groups: Map<string, OutputRecord>;
  products: Map<string, number>;
  profile: Record<string, string>;
}

export class SellerRanking {
  private readonly accounts = new Map<string, Acc>();
  private present = false;

  /** `profileFields`: the fields shown as what the account says of itself (bio, shop name...). */
  constructor(readonly sellerField: string, readonly profileFields: readonly string[], readonly topOffers = 3) {}

  add(r: OutputRecord): void {
    const v = getPath(r.fields, this.sellerField);
    if (v === undefined || v === null || v === '') return;
    this.present = true;
    const name = String(v);
    let a = this.accounts.get(name);
    if (!a) {
      a = { seller: name, listings: 0, flagged: 0, groups: new Map(), products: new Map(), profile: {} };
      this.accounts.set(name, a);
    }
    a.listings++;
    for (const f of this.profileFields) {
      const p = getPath(r.fields, f);
      if (a.profile[f] === undefined && typeof p === 'string' && p.trim() !== '') a.profile[f] = p;
    }
    if (!r.flagged) return;
    a.flagged++;
    for (const p of r.products) a.products.set(p, (a.products.get(p) ?? 0) + 1);
    const key = r.group === null ? `row:${r.source}:${r.row}` : `group:${r.group}`;
    const held = a.groups.get(key);
    if (!held || r.score > held.score) a.groups.set(key, r);
  }

  /** Whether any record had the seller field. */
  get found(): boolean {
    return this.present;
  }

  /** Accounts with at least one flagged listing, ranked; at most `limit`. */
  ranked(limit = Infinity): SellerRow[] {
    const rows = [...this.accounts.values()].filter((a) => a.flagged > 0).map((a) => {
      const offers = [...a.groups.values()].sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      return {
        rank: 0,
        seller: a.seller,
        listings: a.listings,
        flagged: a.flagged,
        offers: offers.length,
        evidence: Math.round(offers.reduce((n, o) => n + o.score, 0) * 10000) / 10000,
        best: offers[0]?.score ?? 0,
        products: [...a.products.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([p]) => p),
        top: offers.slice(0, this.topOffers).map((o) => ({
          id: o.id,
          score: o.score,
          level: o.level,
          products: o.products,
          evidence: o.hits.filter((h) => h.contribution > 0 && EVIDENCE_KINDS.has(h.kind as Kind)).map((h) => ({ entry: h.entry, match: h.match, field: h.field, contribution: h.contribution })),
        })),
        profile: a.profile,
      };
    });
    rows.sort((x, y) => y.offers - x.offers || y.evidence - x.evidence || y.best - x.best || (x.seller < y.seller ? -1 : x.seller > y.seller ? 1 : 0));
    return rows.slice(0, limit).map((r, i) => ({ ...r, rank: i + 1 }));
  }
}
