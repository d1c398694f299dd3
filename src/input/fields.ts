/** Which fields of a record are text to score, and which one is the id. Pure. */
import { InputError } from '../core/errors.js';
import { fieldPaths, getPath, hasPath, type Row } from '../core/fields.js';

export const DEFAULT_TEXT_FIELDS = ['title', 'name', 'description', 'desc', 'body', 'text', 'content', 'caption', 'message', 'tags'];
export const DEFAULT_ID_FIELDS = ['id', 'listing_id', 'url'];

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
  /** undefined: the row number is the id */
  id: string | undefined;
}

/**
 * Decides the text and id fields from the first record of an input.
 * Throws InputError when a requested field does not exist.
 */
export function planFields(first: Row, inputName: string, text?: readonly string[], id?: string): FieldPlan {
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
  if (textFields.length === 0) {
    throw new InputError(`${inputName}: no text fields to score; name them (fields present: ${present()})`, { option: 'text' });
  }
  return { text: textFields, id: idField };
}
