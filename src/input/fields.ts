/** Which fields of a record are text to score, and which one is the id. Pure. */
import { InputError } from '../core/errors.js';
import { fieldPaths, getPath, hasPath, type Row } from '../core/fields.js';

export const DEFAULT_TEXT_FIELDS = ['title', 'name', 'description', 'desc', 'body', 'text', 'content', 'caption', 'message', 'tags'];
export const DEFAULT_ID_FIELDS = ['id', 'listing_id', 'url'];
/**
 * Fields that describe the seller or the page rather than the item, scored
 * as context when present (see core/score.ts, field roles): these names
 * (case-insensitive), every text field under `seller.`, `user.`, `author.` or
 * `shop.`, and every top-level field whose name starts with `shop` or `seller_`.
 * Twitter/X JSON keeps the bio in user.description, many scrapers in bio.
 */
export const DEFAULT_CONTEXT_FIELDS = ['bio', 'user_description', 'author_bio', 'seller_bio', 'profile', 'about', 'page_title', 'page_name', 'store_name', 'store_description'];
const CONTEXT_PREFIXES = ['seller.', 'user.', 'author.', 'shop.'];
const CONTEXT_STARTS = ['shop', 'seller_'];

/** Finds a key by its exact name, else by its name in lower case (the first such key); one pass over the keys. */
function keyFinder(row: Row): (wanted: string) => string | undefined {
  let lower: Map<string, string> | undefined;
  return (wanted) => {
    if (Object.hasOwn(row, wanted)) return wanted;
    if (lower === undefined) {
      lower = new Map();
      for (const k of Object.keys(row)) { const l = k.toLowerCase(); if (!lower.has(l)) lower.set(l, k); }
    }
    return lower.get(wanted);
  };
}

export interface FieldPlan {
  text: string[];
  /** fields scored as context: they describe the seller or the page */
  context: string[];
  /** undefined: the row number is the id */
  id: string | undefined;
}

/**
 * Decides the text and id fields from the first record of an input.
 * Throws InputError when a requested field does not exist.
 */
export function planFields(first: Row, inputName: string, text?: readonly string[], id?: string, context?: readonly string[]): FieldPlan {
  const present = () => fieldPaths(first).join(', ') || '(none)';
  const findKey = keyFinder(first);
  let textFields: string[];
  if (text && text.length > 0) {
    const missing = text.filter((f) => !hasPath(first, f));
    if (missing.length > 0) {
      throw new InputError(
        `${inputName}: text field${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} not found; fields present: ${present()}`,
        { option: 'text' },
      );
    }
    textFields = [...text];
  } else {
    textFields = DEFAULT_TEXT_FIELDS.map((f) => findKey(f)).filter((k): k is string => k !== undefined);
  }
  let idField: string | undefined;
  if (id !== undefined) {
    if (!hasPath(first, id)) throw new InputError(`${inputName}: id field "${id}" not found; fields present: ${present()}`, { option: 'id' });
    idField = id;
  } else {
    idField = DEFAULT_ID_FIELDS.map((f) => findKey(f)).find((k) => k !== undefined);
  }
  if (textFields.length === 0) {
    textFields = fieldPaths(first).filter((p) => p !== idField && typeof getPath(first, p) === 'string');
  }
  let contextFields: string[];
  if (context !== undefined) {
    const missing = context.filter((f) => !hasPath(first, f));
    if (missing.length > 0) {
      throw new InputError(`${inputName}: context field${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} not found; fields present: ${present()}`, { option: 'context' });
    }
    contextFields = [...context];
    // a field named as context is context, also when it is a text field by default or by --text
    textFields = textFields.filter((f) => !contextFields.includes(f));
  } else {
    const named = new Set(text ?? []);
    contextFields = defaultContext(first, findKey).filter((f) => !named.has(f) && f !== idField);
    textFields = textFields.filter((f) => !contextFields.includes(f));
  }
  if (textFields.length === 0) {
    throw new InputError(`${inputName}: no text fields to score; name them (fields present: ${present()})`, { option: 'text' });
  }
  return { text: textFields, id: idField, context: contextFields };
}

/** The default context fields present in a record (DEFAULT_CONTEXT_FIELDS), in the record's order. */
function defaultContext(first: Row, findKey: (k: string) => string | undefined): string[] {
  const named = new Set(DEFAULT_CONTEXT_FIELDS.map((f) => findKey(f)).filter((k): k is string => k !== undefined));
  return fieldPaths(first).filter((p) => {
    if (named.has(p)) return true;
    const v = getPath(first, p);
    if (typeof v !== 'string' && !Array.isArray(v)) return false;
    const l = p.toLowerCase();
    return CONTEXT_PREFIXES.some((x) => l.startsWith(x)) || (!l.includes('.') && CONTEXT_STARTS.some((x) => l.startsWith(x)));
  });
}
