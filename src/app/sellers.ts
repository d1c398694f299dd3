/** `sellers` as a library function: score (or read) the listings and rank their accounts by evidence (output/sellers.ts). */
import { getPath } from '../core/fields.js';
import { UsageError } from '../core/errors.js';
import { DEFAULT_CONTEXT_FIELDS } from '../input/fields.js';
import type { InputSpec } from '../input/read.js';
import { SellerRanking, type SellerRow } from '../output/sellers.js';
import type { InputLog } from './inputs.js';
import { scoredRecords, type RecordsRun } from './records.js';

export interface SellersRun extends RecordsRun {
  /** field naming the account; undefined: "seller" when the first record has it */
  sellerField?: string;
  top: number;
  /** strongest offers shown per account */
  topOffers: number;
}

export interface SellersReport {
  seller_field: string;
  /** accounts seen (with and without flagged listings) */
  accounts: number;
  listings: number;
  rows: SellerRow[];
}

/** The fields shown as what an account says of itself: --context fields, else the default bio and shop fields. */
export function profileFieldsOf(context: readonly string[] | undefined): string[] {
  return context && context.length > 0 ? [...context] : DEFAULT_CONTEXT_FIELDS;
}

export async function rankSellers(inputs: readonly InputSpec[], o: SellersRun, log: InputLog): Promise<SellersReport> {
  let ranking: SellerRanking | undefined;
  let listings = 0;
  const accounts = new Set<string>();
  for await (const r of scoredRecords(inputs, o, log)) {
    if (!ranking) {
      const field = o.sellerField ?? (getPath(r.record.fields, 'seller') !== undefined ? 'seller' : undefined);
      if (field === undefined) throw new UsageError(`no "seller" field: name the field that holds the account; fields present: ${Object.keys(r.record.fields).join(', ')}`, { option: 'sellerField' });
      ranking = new SellerRanking(field, profileFieldsOf(o.read.context), o.topOffers);
    }
    listings++;
    const v = getPath(r.record.fields, ranking.sellerField);
    if (v !== undefined && v !== null && v !== '') accounts.add(String(v));
    ranking.add(r.record);
  }
  if (!ranking) return { seller_field: o.sellerField ?? 'seller', accounts: 0, listings: 0, rows: [] };
  if (!ranking.found) throw new UsageError(`no record has the field "${ranking.sellerField}"`, { option: 'sellerField' });
  return { seller_field: ranking.sellerField, accounts: accounts.size, listings, rows: ranking.ranked(o.top) };
}
