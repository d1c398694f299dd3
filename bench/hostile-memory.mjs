// Peak heap while reading SIZE MB (default 30) without a line break: JSONL, CSV, and a CSV quote never closed.
// Run after a build: node --expose-gc bench/hostile-memory.mjs [path to dist/input/read.js]
import { Readable } from 'node:stream';
const read = await import(process.argv[2] ?? '../dist/input/read.js');
const MB = 1024 * 1024;
const SIZE = Number(process.env.SIZE ?? 30);
function stream(prefix, size, suffix, fill, sample) {
  const chunk = fill.repeat(65_536 / fill.length);
  return Readable.from((function* () {
    yield prefix;
    for (let n = 0; n < size; n += chunk.length) { sample(); yield chunk; }
    yield suffix;
  })());
}
for (const [name, prefix, suffix, fill] of [
  ['big.jsonl', '{"id":"a"}\n{"id":"b","text":"', '"}\n{"id":"c"}\n', 'x'],
  ['big.csv', 'id,title\n1,a\n2,', '\n3,c\n', 'x'],
  ['open.csv', 'id,title\n1,a\n2,"open\n', '', 'line\n'],
]) {
  globalThis.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sample = () => { peak = Math.max(peak, process.memoryUsage().heapUsed); };
  let records = 0, rejects = 0;
  const input = read.streamInput(name, stream(prefix, SIZE * MB, suffix, fill, sample));
  try {
    for await (const _r of read.readRecords(input, { onReject: () => rejects++, onWarning: () => {} })) { records++; sample(); }
  } catch (e) { console.log(name, 'error', e.message); }
  sample();
  console.log(`${name}: ${SIZE} MB, ${records} records, ${rejects} rejected, peak heap +${((peak - base) / MB).toFixed(1)} MB`);
}
