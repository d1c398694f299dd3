/**
 * Model files (schema wildsift.model/1, written by `wildsift train`): read,
 * validated against models/model.schema.json, and checked against the
 * lexicons they are used with. Models are data beside the lexicons, so they
 * live in this layer.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { describeErrno, ModelError } from '../core/errors.js';
import { lexiconSetId } from '../core/lexset.js';
import { MODEL_SCHEMA, type ModelData } from '../core/model.js';
import type { Lexicon } from '../core/types.js';
import { MODEL_SCHEMA_FILE } from './paths.js';

/** A model file larger than this is refused before it is read (a 2^24-bucket model with every weight set is about 400 MB; trained ones are far smaller). */
export const MAX_MODEL_BYTES = 256 * 1024 * 1024;

let validator: ValidateFunction | undefined;
function getValidator(): ValidateFunction {
  // required when a model is read, not when this module loads (explain and score import it for checkModelLexicons)
  const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(MODEL_SCHEMA_FILE, 'utf8')) as object);
  return validator;
}

/** Checks parsed JSON as a model; `file` names it in messages. */
export function modelOf(doc: unknown, file: string): ModelData {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new ModelError(`${file}: not a wildsift model: the file holds ${Array.isArray(doc) ? 'a list' : doc === null ? 'null' : `a ${typeof doc}`}, not an object`, { option: 'model' });
  const schema = (doc as { schema?: unknown }).schema;
  if (schema !== MODEL_SCHEMA) {
    const what = typeof schema === 'string' ? `schema "${schema}"` : 'no "schema" field';
    throw new ModelError(`${file}: a model of ${what}; this wildsift reads ${MODEL_SCHEMA} (retrain it with \`wildsift train\`, or use the wildsift that wrote it)`, { option: 'model' });
  }
  const validate = getValidator();
  if (!validate(doc)) {
    const errs = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    throw new ModelError(`${file}: not a valid ${MODEL_SCHEMA} model (corrupt or edited by hand): ${errs.join('; ')}`, { option: 'model' });
  }
  const m = doc as ModelData;
  const buckets = 2 ** m.features.hashing.bits;
  for (const [j] of m.weights.hashed) if (j >= buckets) throw new ModelError(`${file}: a weight of bucket ${j} in a model of ${buckets} buckets (corrupt or edited by hand)`, { option: 'model' });
  if (!(m.calibration.a > 0)) throw new ModelError(`${file}: the calibration slope is ${m.calibration.a}; it must be positive (corrupt or edited by hand)`, { option: 'model' });
  return m;
}

/** A model and the file it came from (for messages). */
export interface LoadedModel {
  data: ModelData;
  file: string;
}

/** Reads and checks a model file. */
export function readModel(file: string): ModelData {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_MODEL_BYTES) throw new ModelError(`${file}: ${size} bytes, larger than a model can be (${MAX_MODEL_BYTES})`, { option: 'model' });
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof ModelError) throw e;
    throw new ModelError(`${file}: cannot read the model: ${describeErrno(e as NodeJS.ErrnoException)}`, { option: 'model' });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ModelError(`${file}: not a wildsift model: not JSON (${(e as Error).message})`, { option: 'model' });
  }
  return modelOf(doc, file);
}

/**
 * Refuses a model trained with other lexicons than `lexicons`: its entry
 * features would mean other things, or nothing. Says which lexicons differ.
 */
export function checkModelLexicons(model: ModelData, lexicons: readonly Lexicon[], file: string): void {
  const id = lexiconSetId(lexicons);
  if (id === model.lexicons.id) return;
  const was = new Map(model.lexicons.sets.map((s) => [s.name, s.version]));
  const now = new Map(lexicons.map((l) => [l.name, l.version]));
  const diffs: string[] = [];
  for (const [n, v] of now) {
    if (!was.has(n)) diffs.push(`${n} ${v} is new`);
    else if (was.get(n) !== v) diffs.push(`${n} was ${was.get(n)}, is ${v}`);
  }
  for (const [n, v] of was) if (!now.has(n)) diffs.push(`${n} ${v} is not loaded`);
  const what = diffs.length > 0 ? diffs.join('; ') : 'the same names and versions, but entries were edited since';
  throw new ModelError(`${file} was trained with other lexicons (set ${model.lexicons.id}, this run ${id}): ${what}. Retrain it with \`wildsift train\` on these lexicons, or load the lexicons it was trained with`, { option: 'model' });
}
