/**
 * Bytes to text: transparent gzip and brotli, then a character decoder
 * (UTF-8 by default, UTF-16 from a byte-order mark, or any encoding the
 * platform's TextDecoder knows: gb18030, gbk, big5, shift_jis,
 * windows-1252, iso-8859-1...). Invalid bytes become U+FFFD and are counted.
 */
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createBrotliDecompress, createGunzip } from 'node:zlib';
import { InputError } from '../core/errors.js';

/** The name without a compression suffix, and which compression the name says. */
export function compressionOf(name: string): { base: string; kind: 'gzip' | 'brotli' | undefined } {
  if (/\.gz$/i.test(name)) return { base: name.slice(0, -3), kind: 'gzip' };
  if (/\.br$/i.test(name)) return { base: name.slice(0, -3), kind: 'brotli' };
  return { base: name, kind: undefined };
}

export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Decompresses a chunk stream. A truncated or corrupt archive ends the stream with `onBroken`. */
export async function* decompress(chunks: AsyncIterable<Buffer>, kind: 'gzip' | 'brotli', onBroken: (message: string) => void): AsyncGenerator<Buffer> {
  const z = kind === 'gzip' ? createGunzip() : createBrotliDecompress();
  const source = Readable.from(chunks);
  source.on('error', (err) => z.destroy(err));
  source.pipe(z);
  try {
    for await (const c of z) yield c as Buffer;
  } catch (err) {
    onBroken(`${kind === 'gzip' ? 'gzip' : 'brotli'} data is truncated or corrupt (${(err as Error).message}); the rows before that point were read`);
  } finally {
    // a reader that stops early closes the input too
    source.destroy();
  }
}

export function encodingFromBom(head: Buffer): string | undefined {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

export function decoderFor(encoding: string, keepBom = false): TextDecoder {
  try {
    return new TextDecoder(encoding, { fatal: false, ignoreBOM: keepBom });
  } catch {
    throw new InputError(`unknown encoding "${encoding}" (try utf-8, utf-16le, gb18030, gbk, big5, shift_jis, windows-1252, iso-8859-1)`, { option: 'encoding' });
  }
}

const FFFD = Buffer.from([0xef, 0xbf, 0xbd]);

function countIn(buf: Buffer, what: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(what); i >= 0; i = buf.indexOf(what, i + what.length)) n++;
  return n;
}

/** How many times `ch` occurs in s[from, to). */
export function countChar(s: string, ch: string, from = 0, to = s.length): number {
  let n = 0;
  for (let k = s.indexOf(ch, from); k >= 0 && k < to; k = s.indexOf(ch, k + 1)) n++;
  return n;
}

export interface DecodeStats {
  /** invalid byte sequences replaced by U+FFFD */
  replaced: number;
}

/** Text chunks of a byte stream; the BOM is dropped unless `keepBom` (text from the middle of a file). */
export async function* decodeChunks(chunks: AsyncIterable<Buffer>, encoding: string, stats: DecodeStats, keepBom = false): AsyncGenerator<string> {
  const decoder = decoderFor(encoding, keepBom);
  const utf8 = decoder.encoding === 'utf-8';
  for await (const c of chunks) {
    const s = decoder.decode(c, { stream: true });
    // U+FFFD the decoder wrote, not those the input spelled out itself
    const made = countChar(s, '\uFFFD') - (utf8 ? countIn(c, FFFD) : 0);
    if (made > 0) stats.replaced += made;
    if (s.length > 0) yield s;
  }
  const rest = decoder.decode();
  if (rest.length > 0) {
    stats.replaced += countChar(rest, '\uFFFD');
    yield rest;
  }
}
