/** Locations inside the installed package (works from src/ under vitest and from dist/). */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const PACKAGE_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
export const BUILTIN_LEXICON_DIR = path.join(PACKAGE_ROOT, 'lexicons');
export const LEXICON_SCHEMA_FILE = path.join(BUILTIN_LEXICON_DIR, 'lexicon.schema.json');
export const MODEL_DIR = path.join(PACKAGE_ROOT, 'models');
export const MODEL_SCHEMA_FILE = path.join(MODEL_DIR, 'model.schema.json');
