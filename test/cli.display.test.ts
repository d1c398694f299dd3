/**
 * Scraped text never reaches the terminal raw: every table and text output
 * and every message on stderr shows the control characters of ids, fields,
 * excerpts and file names as escapes (\x1b, \u202e), while JSONL output keeps
 * the exact text. test/fixtures/hostile/escapes.jsonl (ASCII only: its
 * controls are JSON escapes) has ESC sequences (clear screen, OSC set title,
 * device status report), BEL, C1 controls (CSI, OSC, ST), \r, \b, NUL, DEL
 * and bidi overrides and isolates in ids, titles, sellers, categories,
 * languages and product labels.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, jsonLines, MINI } from './cli-helpers.js';

const H = 'test/fixtures/hostile/escapes.jsonl';
const rows = readFileSync(H, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, string>);

/** Any C0 control but the new line, DEL, any C1 control, a bidi embedding, override or isolate. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** The colour codes that chalk writes (SGR: ESC [ ... m). */
const SGR = /\u001b\[[0-9;]*m/g;

function expectShownSafely(out: string): void {
  const raw = RAW.exec(out);
  expect(raw, raw ? `raw U+${raw[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${raw.index}: ${JSON.stringify(out.slice(Math.max(0, raw.index - 30), raw.index + 30))}` : '').toBeNull();
}

const ok = async (args: string[], env?: Record<string, string>) => {
  const r = await cli(args, env ? { env } : {});
  expectShownSafely(r.stdout);
  expectShownSafely(r.stderr);
  return r;
};

describe('terminal output of hostile scraped text', () => {
  it('score table: ids, excerpts and the duplicate-id warning show controls as escapes', async () => {
    const r = await ok(['score', ...MINI, '-f', 'table', '--no-color', H]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('H2\\x0d\\x08X');
    expect(r.stdout).toContain('rhino horn \\x1b]0;pwned\\x07');
    expect(r.stdout).toContain('\\u202egnirts\\u202c');
    expect(r.stderr).toContain('warning: 1 duplicate id (first: "DUP\\x1b[2J\\x1b[H" again at test/fixtures/hostile/escapes.jsonl row 4)');
  });

  it('score table in colour: the only escape sequences are the colours of the table itself', async () => {
    const r = await cli(['score', ...MINI, '-f', 'table', H], { env: { FORCE_COLOR: '1' } });
    expect(r.stdout).toMatch(SGR);
    expectShownSafely(r.stdout.replace(SGR, ''));
    // the matched term is still underlined
    expect(r.stdout).toContain('\u001b[4mrhino horn');
  });

  it('score -f jsonl keeps the exact text of every field and id', async () => {
    const r = await cli(['score', ...MINI, '--quiet', '--no-sort', '-f', 'jsonl', H]);
    const out = jsonLines(r.stdout) as { id: string; fields: Record<string, string> }[];
    expect(out.map((x) => x.id)).toEqual(rows.map((x) => x.id));
    expect(out.map((x) => x.fields)).toEqual(rows);
  });

  it('stats with --by and --seller-field', async () => {
    const r = await ok(['stats', ...MINI, '--by', 'cat', '--seller-field', 'seller', H]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('c\\u202eevil');
    expect(r.stdout).toContain('s\\x1b[31mred\\u202e');
    // the counts stay aligned: the lines of the table are of one width
    const cat = r.stdout.split('\n').filter((l) => /^(cat|c\\u202eevil|k\\x1bP|\\x1b\[2J) /.test(l));
    expect(cat).toHaveLength(4);
    expect(new Set(cat.map((l) => l.length)).size).toBe(1);
  });

  it('eval: listing ids, texts, matches, expected products and languages', async () => {
    const r = await ok(['eval', ...MINI, '--label', 'label', '--product-field', 'product', '--lang-field', 'lang', H]);
    expect(r.stdout).toContain('worst false positives (1):\n  0.736 H2\\x0d\\x08X');
    expect(r.stdout).toContain('0.000 DUP\\x1b[2J\\x1b[H (test/fixtures/hostile/escapes.jsonl row 4) products [] expected tiger\\u202e');
    expect(r.stdout).toContain('expected tiger\\u202e');
    expect(r.stdout).toContain('Tiger balm 30g \\x9d0;title\\x9c \\x1bc reset');
    expect(r.stdout).toMatch(/^en\\x07 /m);
  });

  it('diff: listing ids and texts', async () => {
    const r = await ok(['diff', '--threshold', '0.7', '--base', 'test/fixtures/lexicons/mini-no-trade.yaml', '--head', 'test/fixtures/lexicons/mini.yaml', H]);
    expect(r.stdout).toContain('3 newly flagged');
    expect(r.stdout).toContain('H3\\u202e (test/fixtures/hostile/escapes.jsonl row 3)');
    expect(r.stdout).toContain('\\x1b[6n tiger balm overwrite');
  });

  it('explain: matches that hold controls', async () => {
    const r = await ok(['explain', ...MINI, 'rhino horn for\u009bsale tig\u202eer \u001b]0;pwned\u0007']);
    expect(r.stdout).toContain('"for\\x9bsale"');
    expect(r.stdout).toContain('"tig\\u202eer"');
    const json = JSON.parse((await cli(['explain', ...MINI, '-f', 'json', 'for\u009bsale'])).stdout) as { text: string; hits: { match: string }[] };
    expect(json.hits[0]!.match).toBe('for\u009bsale');
  });

  it('rejected rows: the reason and the excerpt on stderr; the --errors file keeps the exact excerpt', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-display-'));
    const csv = path.join(dir, 'bad.csv');
    writeFileSync(csv, 'id,title,title\n1,ok rhino horn,x\n2,"unclosed \u001b]0;pwned\u0007 \u001b[2J rhino horn\n');
    const errors = path.join(dir, 'errors.jsonl');
    const r = await ok(['score', ...MINI, '-f', 'table', '--errors', errors, csv]);
    expect(r.stderr).toContain('rejected: malformed CSV');
    expect(r.stderr).toContain('[2,"unclosed \\x1b]0;pwned\\x07 \\x1b[2J rhino horn]');
    expect((jsonLines(readFileSync(errors, 'utf8'))[0] as { excerpt: string }).excerpt).toBe('2,"unclosed \u001b]0;pwned\u0007 \u001b[2J rhino horn');
    const jl = path.join(dir, 'bad.jsonl');
    writeFileSync(jl, '{"id":"1","title":"x"}\n{bad \u001b]0;pwned\u0007\n');
    expect((await ok(['score', ...MINI, '-f', 'jsonl', jl])).stderr).toContain('[{bad \\x1b]0;pwned\\x07]');
  });

  it('warnings and errors that name files and columns from the data', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-display-'));
    const csv = path.join(dir, 'dup.csv');
    writeFileSync(csv, 'id,t\u001b[2J,t\u001b[2J\n1,rhino horn,x\n');
    expect((await ok(['score', ...MINI, '-f', 'table', csv])).stderr).toContain('duplicate column names in header: t\\x1b[2J');
    const missing = await ok(['score', ...MINI, path.join(dir, 'no\u001b]0;pwned\u0007.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no\\x1b]0;pwned\\x07.csv');
    const truncated = path.join(dir, 'cut\u202e.csv.gz');
    copyFileSync('fixtures/bad/truncated.csv.gz', truncated);
    const broken = await ok(['score', ...MINI, '-f', 'table', truncated]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('wildsift: error: ' + path.join(dir, 'cut\\u202e.csv.gz'));
  });

  it('a lexicon error keeps its lines', async () => {
    const r = await ok(['score', '--no-default-lexicons', '--lexicon', 'test/fixtures/lexicons/bad-schema.yaml', H]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^wildsift: lexicon error:\n {2}\S/);
  });
});

describe('the HTML report of hostile scraped text', () => {
  it('escapes markup and shows controls (but new lines and tabs) as escapes in text and attributes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-display-'));
    const out = path.join(dir, 'r.html');
    const r = await ok(['report', ...MINI, '--by', 'cat', '--seller-field', 'seller', '-o', out, H, 'test/fixtures/xss.csv']);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html.replace(/[\n\t]/g, '')).not.toMatch(RAW);
    expect(html).toContain('<span class="id">H3\\u202e</span>');
    expect(html).toContain('c\\u202eevil');
    expect(html).toContain('</mark> \\x1b]0;pwned\\x07 cup');
    expect(html).toContain('&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;');
  });
});
