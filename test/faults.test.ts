/**
 * The CLI's own error paths, end to end: output targets that would lose data,
 * errors in streams, workers and the file system, and signals. Each must end
 * in one clear line and exit 2 (or 0 for a reader that went away, 130/143 for
 * a signal), never a stack trace, exit 13 or a hang, and never lose a file.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, createReadStream, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, cli, spawnCli } from './cli-helpers.js';

const SAMPLE = 'fixtures/sample/listings.csv';
const TRUNCATED = 'fixtures/bad/truncated.csv.gz';

const fresh = (name: string) => mkdtempSync(path.join(tmpdir(), `wildsift-${name}-`));

/** No stack trace and no "unexpected error": one line per problem. */
function clean(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at |unexpected error|node:internal/);
}

describe('output targets that would lose data', () => {
  it('refuses an --output that is one of the inputs, directly or through a link', async () => {
    const dir = fresh('same');
    const input = path.join(dir, 'in.csv');
    copyFileSync(SAMPLE, input);
    const before = readFileSync(input, 'utf8');
    symlinkSync(input, path.join(dir, 'link.csv'));
    for (const out of [input, path.join(dir, 'link.csv')]) {
      const r = await cli(['score', '-q', input, '-o', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is also an input .* choose another output file \(--output\)/);
      clean(r.stderr);
    }
    const m = await cli(['report', input, '-o', input]);
    expect(m.code).toBe(2);
    expect(readFileSync(input, 'utf8')).toBe(before);
  });

  it('writes through a symlink to its target, keeping the link', async () => {
    const dir = fresh('link');
    writeFileSync(path.join(dir, 'target.jsonl'), 'old\n');
    symlinkSync('target.jsonl', path.join(dir, 'out.jsonl'));
    const r = await cli(['score', '-q', SAMPLE, '-o', path.join(dir, 'out.jsonl')]);
    expect(r.code).toBe(0);
    expect(lstatSync(path.join(dir, 'out.jsonl')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'target.jsonl'), 'utf8')).toMatch(/^\{"rank":1,/);
    expect(readdirSync(dir).sort()).toEqual(['out.jsonl', 'target.jsonl']);
  });

  it('writes to a device and a FIFO in place, never replacing the node', async () => {
    const r = await cli(['score', '-q', SAMPLE, '-o', '/dev/null']);
    expect(r.code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const dir = fresh('fifo');
    const fifo = path.join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const chunks: Buffer[] = [];
    const reader = createReadStream(fifo);
    reader.on('data', (c) => chunks.push(Buffer.from(c)));
    const ended = new Promise<void>((resolve) => reader.on('end', () => resolve()));
    const w = await cli(['score', '-q', SAMPLE, '-o', fifo]);
    await ended;
    expect(w.code).toBe(0);
    expect(Buffer.concat(chunks).toString('utf8')).toMatch(/^\{"rank":1,/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it.each([
    ['score', (out: string) => ['score', '-q', SAMPLE, TRUNCATED, '-o', out]],
    ['report', (out: string) => ['report', '-q', SAMPLE, TRUNCATED, '-o', out]],
  ] as const)('%s leaves an existing --output as it was when an input breaks off', async (_n, args) => {
    const dir = fresh('keep');
    const out = path.join(dir, 'keep.out');
    writeFileSync(out, 'KEEP\n');
    const r = await cli([...args(out)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not written (left as it was): an input broke off');
    expect(readFileSync(out, 'utf8')).toBe('KEEP\n');
    expect(readdirSync(dir)).toEqual(['keep.out']);
  });

  it('merge leaves an existing --output as it was when a shard breaks off', async () => {
    const dir = fresh('keepm');
    const { gzipSync } = await import('node:zlib');
    const scored = (await cli(['score', '-q', SAMPLE])).stdout;
    const gz = gzipSync(scored);
    writeFileSync(path.join(dir, 's.jsonl.gz'), gz.subarray(0, gz.length >> 1));
    writeFileSync(path.join(dir, 'keep.jsonl'), 'KEEP\n');
    const r = await cli(['merge', path.join(dir, 's.jsonl.gz'), '-o', path.join(dir, 'keep.jsonl')]);
    expect(r.code).toBe(2);
    expect(readFileSync(path.join(dir, 'keep.jsonl'), 'utf8')).toBe('KEEP\n');
  });

  it('says why an output cannot be written: a missing folder, a folder, an --errors file', async () => {
    const dir = fresh('bad-target');
    const cases: [string[], RegExp][] = [
      [['score', '-q', SAMPLE, '-o', path.join(dir, 'nope', 'x.jsonl')], /x\.jsonl: cannot write: folder .*nope does not exist \(--output\)$/m],
      [['score', '-q', SAMPLE, '-o', dir], /: is a folder; name a file to write \(--output\)$/m],
      [['merge', SAMPLE, '-o', dir], /: is a folder/],
      [['score', '-q', SAMPLE, '--errors', path.join(dir, 'nope', 'e.jsonl')], /e\.jsonl: cannot write: no such file or directory \(ENOENT\) \(--errors\)$/m],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      clean(r.stderr);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

/** A CSV over 16 KB (the size at which a stopped reader used to hang). */
const BIG = path.join(fresh('big'), 'big.csv');
beforeAll(() => {
  const rows = ['id,title,description,label'];
  for (let i = 0; i < 2000; i++) rows.push(`L${i},Carved bangle number ${i},"Old piece, message me for the price",${i % 2}`);
  writeFileSync(BIG, rows.join('\n') + '\n');
});

describe('errors inside the streams reach the exit code', () => {
  it.each([
    ['score --text', () => ['score', '-q', BIG, '--text', 'titel'], /text field "titel" not found; fields present: id, title, description, label \(--text\)/],
    ['score --id', () => ['score', '-q', BIG, '--id', 'ident'], /id field "ident" not found/],
    ['stats --text', () => ['stats', BIG, '--text', 'titel'], /text field "titel" not found/],
    ['report --text', () => ['report', BIG, '--text', 'titel', '-o', path.join(fresh('rep'), 'r.html')], /text field "titel" not found/],
    ['eval --label', () => ['eval', BIG, '--label', 'lable'], /field "lable" not found/],
    ['diff --text', () => ['diff', BIG, '--text', 'titel'], /text field "titel" not found/],
  ] as const)('%s mistyped on a 100 KB input: exit 2 with the fields present', async (_n, args, message) => {
    const r = await cli([...args()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    clean(r.stderr);
  });

  it('a mistyped --text with worker threads: exit 2, not 13', () => {
    const r = spawnCli(['score', '-q', '--jobs', '2', BIG, '--text', 'titel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/text field "titel" not found/);
  });

  it.each([['--jobs', '1'], ['--jobs', '2']])('score --no-sort %s %s | head -1 ends with exit 0', (flag, n) => {
    const r = spawnSync('bash', ['-c', `node ${BIN} score -q --no-sort ${flag} ${n} ${BIG} | head -n 1 >/dev/null; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stdout.trim()).toBe('status=0');
  });

  it.each([
    [['score', '-q', SAMPLE]],
    [['score', '-q', '--no-sort', '--jobs', '2', BIG]],
    [['score', '-q', '-f', 'table', SAMPLE]],
    [['stats', SAMPLE]],
    [['eval', SAMPLE, '--label', 'label', '--positive', 'offer']],
    [['explain', 'ivory bangle']],
    [['lexicon', 'list']],
    [['--help']],
  ])('stdout on a full disk (/dev/full): %j exits 2 with one line', (args) => {
    const fd = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', timeout: 30_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^wildsift: stdout: cannot write: no space left on device \(ENOSPC\)$/m);
      clean(r.stderr);
    } finally {
      closeSync(fd);
    }
  });

  it('-o /dev/full exits 2 naming the file', async () => {
    const r = await cli(['score', '-q', SAMPLE, '-o', '/dev/full']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('wildsift: /dev/full: cannot write: no space left on device (ENOSPC)\n');
  });

  it('a missing temporary folder exits 2 naming it', () => {
    const r = spawnCli(['score', '-q', BIG], { env: { TMPDIR: '/nonexistent-wildsift-tmp' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/temporary folder \/nonexistent-wildsift-tmp: cannot write the ranking's spill file: no such file or directory \(ENOENT\); set TMPDIR/);
    clean(r.stderr);
  });
});

describe('signals', () => {
  // a run long enough to be stopped while its output and spill files exist
  let LONG = '';
  beforeAll(() => {
    const dir = fresh('long');
    LONG = path.join(dir, 'long.csv');
    const r = spawnSync(process.execPath, ['bench/generate.mjs', '--rows', '60000', '--out', LONG], { encoding: 'utf8' });
    expect(r.status).toBe(0);
  });

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s removes the temporary output and spill files and exits %i', async (signal, code) => {
    const dir = fresh('sig');
    const tmp = path.join(dir, 'tmp');
    mkdirSync(tmp);
    const out = path.join(dir, 'out.jsonl');
    const child = spawn(process.execPath, [BIN, 'score', '-q', '--jobs', '1', LONG, '-o', out], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    // wait until the spill folder and the temporary output exist
    for (let i = 0; i < 400 && !(readdirSync(tmp).length > 0 && readdirSync(dir).some((f) => f.endsWith('.tmp'))); i++) await new Promise((r) => setTimeout(r, 25));
    expect(readdirSync(tmp)[0]).toMatch(/^wildsift-rank-/);
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(stderr).toContain(`stopped by ${signal}; temporary files removed`);
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['tmp']);
    expect(existsSync(out)).toBe(false);
  }, 30_000);
});

describe('eval refuses labels it cannot read', () => {
  const dir = fresh('labels');
  const file = path.join(dir, 'labels.csv');
  beforeAll(() => {
    writeFileSync(file, 'id,title,label\n1,Carved ivory bangle WhatsApp,1\n2,Tiger Balm 30 g,0\n3,Rhino horn cup,2\n4,Pangolin scales,maybe\n5,Bone china set,\n6,Old netsuke,-1\n7,Ivory silk dress,0.5\n');
  });
  it('lists values that are neither positive nor negative, and rows without a label: exit 2', async () => {
    const r = await cli(['eval', '-q', file, '--label', 'label']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('wildsift: label field "label": values that are neither positive (1, true, yes, positive) nor negative (0, false, no, negative): "-1" (1), "0.5" (1), "2" (1), "maybe" (1); name the positive values, and every other value is a negative; 1 row without a label (first: ' + file + ' row 5); label them, or leave them out (--positive, --skip-unlabelled)\n');
    expect(r.stdout).toBe('');
  });
  it('with --positive every other value is a negative; --skip-unlabelled leaves empty labels out and counts them', async () => {
    const refused = await cli(['eval', '-q', file, '--label', 'label', '--positive', '1']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/1 row without a label .*\(--skip-unlabelled\)$/m);
    const r = await cli(['eval', '-q', file, '--label', 'label', '--positive', '1', '--skip-unlabelled', '-f', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { rows: number; positives: number; negatives: number; unlabelled: number };
    expect(j).toMatchObject({ rows: 6, positives: 1, negatives: 5, unlabelled: 1 });
  });
});

describe('merge refuses what it cannot merge', () => {
  const dir = fresh('merge-checks');
  const shard = (name: string) => path.join(dir, name);
  beforeAll(async () => {
    writeFileSync(shard('a.jsonl'), (await cli(['score', '-q', 'fixtures/formats/listings.jsonl', '--no-default-lexicons', '--lexicon', 'test/fixtures/lexicons/mini.yaml'])).stdout);
    writeFileSync(shard('b.jsonl'), (await cli(['score', '-q', 'fixtures/formats/listings.jsonl', '--no-default-lexicons', '--lexicon', 'test/fixtures/lexicons/mini-no-trade.yaml'])).stdout);
    copyFileSync(shard('a.jsonl'), shard('a-copy.jsonl'));
    symlinkSync(shard('a.jsonl'), shard('a-link.jsonl'));
  });
  it('refuses shards scored with other lexicons, naming both', async () => {
    const r = await cli(['merge', shard('a.jsonl'), shard('b.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/b\.jsonl row 1 was scored with lexicon set [0-9a-f]{16} with hand weights, .*a\.jsonl row 1 with lexicon set [0-9a-f]{16} with hand weights: shards must be scored with the same lexicons and model to be merged/);
    clean(r.stderr);
  });
  it('refuses the same shard file given twice (also through a link)', async () => {
    for (const again of [shard('a.jsonl'), shard('a-link.jsonl')]) {
      const r = await cli(['merge', shard('a.jsonl'), again]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is the same file as .*a\.jsonl: each shard must be given once/);
    }
  });
  it('warns when the same listings come in twice (a copied shard)', async () => {
    const r = await cli(['merge', shard('a.jsonl'), shard('a-copy.jsonl')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: .*: 4 listings appear more than once \(same source and row; first: fixtures\/formats\/listings\.jsonl row 1, again in .*a-copy\.jsonl row 1\)/);
  });
  it('rejects an incomplete record with its row and reason, and records of another schema', async () => {
    const good = readFileSync(shard('a.jsonl'), 'utf8').split('\n')[0]!;
    const rec = JSON.parse(good) as Record<string, unknown>;
    const { products: _p, ...incomplete } = rec;
    // a /1 record (every hit) is still read; /0 is not
    writeFileSync(shard('odd.jsonl'), [good, JSON.stringify(incomplete), JSON.stringify({ ...rec, row: 99, schema: 'wildsift.score/0' }), JSON.stringify({ ...rec, row: 100, schema: 'wildsift.score/1' })].join('\n') + '\n');
    const r = await cli(['merge', shard('odd.jsonl')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/odd\.jsonl: row 2 \(line 2\) rejected: not a wildsift score record \(wildsift\.score\/2\): products missing or of the wrong type/);
    expect(r.stderr).toMatch(/odd\.jsonl: row 3 \(line 3\) rejected: a score record of schema "wildsift\.score\/0", not wildsift\.score\/2/);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    clean(r.stderr);
  });
});

describe('smaller wrong results, each fixed', () => {
  const dir = fresh('small');
  const dated = path.join(dir, 'dated.csv');
  beforeAll(() => {
    writeFileSync(dated, [
      'id,title,posted,seller',
      '1,Carved ivory bangle WhatsApp me,2026-03-01,s1',
      '2,Rhino horn cup cash only,01/03/2026,s2',
      '3,Tiger bone wine for sale,13/03/2026,s3',
      '4,Pangolin scales 1 kg DM,2026年3月1日,s4',
      '5,Old ivory netsuke for sale,1772323200,s5',
      '6,Dress size 10,,s6',
      '7,Ivory tusk for sale,2025-11-20T10:00:00Z,s7',
    ].join('\n') + '\n');
  });
  const months = (stdout: string) => (JSON.parse(stdout) as { by: Record<string, { value: string; listings: number }[]> }).by;

  it('wildsift with no command, and help on an unknown command, exit 2 with usage on stderr', async () => {
    for (const args of [[], ['help', 'nope']]) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('Usage: wildsift [options] [command]');
    }
    expect((await cli(['help', 'score'])).code).toBe(0);
  });

  it('refuses --top with --no-sort instead of keeping the first rows', async () => {
    const r = await cli(['score', '-q', '--no-sort', '--top', '3', SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('wildsift: the top n listings need the ranking; output in input order cannot keep only them (--top)\n');
  });

  it('warns about --keep, --by and --seller-field fields that no record has', async () => {
    const k = await cli(['score', '-q', SAMPLE, '--keep', 'title,brnd']);
    expect(k.stderr).toBe('wildsift: warning: no record has the field "brnd" (--keep)\n');
    const s = await cli(['stats', '-q', SAMPLE, '--by', 'brand', '--seller-field', 'vendor']);
    expect(s.code).toBe(0);
    expect(s.stderr).toContain('no record has the field "brand" (--by)');
    expect(s.stderr).toContain('no record has the field "vendor" (--seller-field)');
  });

  it('reads dates only in the documented formats, in time order, and reports the others', async () => {
    const iso = await cli(['stats', dated, '--by', 'posted:month', '-f', 'json']);
    expect(months(iso.stdout)['posted:month']).toEqual([
      { value: '2025-11', listings: 1, flagged: expect.any(Number), groups: expect.any(Number) },
      { value: '2026-03', listings: 2, flagged: expect.any(Number), groups: expect.any(Number) },
      { value: '(no date)', listings: 3, flagged: expect.any(Number), groups: expect.any(Number) },
      { value: '(none)', listings: 1, flagged: 0, groups: 0 },
    ]);
    expect(iso.stderr).toContain('--by posted:month: 3 values are not a date in the iso format (first: "01/03/2026"), counted as "(no date)"; see --date-format');
    const dmy = await cli(['stats', dated, '--by', 'posted:month', '--date-format', 'dmy', '-f', 'json']);
    expect(months(dmy.stdout)['posted:month']!.map((r) => [r.value, r.listings])).toEqual([['2026-03', 2], ['(no date)', 4], ['(none)', 1]]);
    const epoch = await cli(['stats', dated, '--by', 'posted:year', '--date-format', 'epoch', '-f', 'json']);
    expect(months(epoch.stdout)['posted:year']!.map((r) => [r.value, r.listings])).toEqual([['2026', 1], ['(no date)', 5], ['(none)', 1]]);
    // "size 10" is not October 2001
    const title = await cli(['stats', dated, '--by', 'title:month', '-f', 'json']);
    expect(months(title.stdout)['title:month']!.map((r) => r.value)).toEqual(['(no date)']);
  });

  it('counts near-duplicate groups as unknown for records without groups (merged shards), not one per listing', async () => {
    const scored = path.join(dir, 'scored.jsonl');
    writeFileSync(scored, (await cli(['score', '-q', SAMPLE])).stdout);
    const merged = path.join(dir, 'merged.jsonl');
    expect((await cli(['merge', '-q', scored, '-o', merged])).code).toBe(0);
    const j = JSON.parse((await cli(['stats', '--scored', merged, '-f', 'json'])).stdout) as { groups: number | null; flagged_groups: number | null; by_level: { groups: number | null }[] };
    expect(j.groups).toBeNull();
    expect(j.flagged_groups).toBeNull();
    expect(j.by_level.every((r) => r.groups === null)).toBe(true);
    const t = await cli(['stats', '--scored', merged]);
    expect(t.stdout.split('\n')[0]).toBe('112 listings, 47 flagged at threshold 0.5; near-duplicate groups unknown (the records carry none)');
    // with groups, they are counted
    const g = JSON.parse((await cli(['stats', '--scored', scored, '-f', 'json'])).stdout) as { groups: number | null };
    expect(g.groups).toBe(112);
  });

  it('stats --scored counts at the --threshold it prints; merge -o x.csv writes CSV', async () => {
    const scored = path.join(dir, 'scored2.jsonl');
    writeFileSync(scored, (await cli(['score', '-q', SAMPLE])).stdout);
    const a = JSON.parse((await cli(['stats', '--scored', scored, '--threshold', '0.8', '-f', 'json'])).stdout) as { threshold: number; flagged: number };
    const b = JSON.parse((await cli(['stats', SAMPLE, '--threshold', '0.8', '-f', 'json'])).stdout) as { threshold: number; flagged: number };
    expect(a).toMatchObject({ threshold: 0.8, flagged: b.flagged });
    expect(a.flagged).toBeLessThan(47);
    const csv = path.join(dir, 'merged.csv');
    expect((await cli(['merge', '-q', scored, '-o', csv])).code).toBe(0);
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toMatch(/^rank,group,id,source,row,score,/);
  });

  it('-q hides summaries, never warnings, in every command', async () => {
    for (const args of [['stats', '-q', dated, '--by', 'posted:month'], ['report', '-q', dated, '--by', 'posted:month', '-o', path.join(dir, 'r.html')]]) {
      const r = await cli(args);
      expect(r.stderr).toContain('not a date in the iso format');
      expect(r.stderr).not.toContain('report of');
    }
  });

  it('says how many bars a report chart left out', async () => {
    const many = path.join(dir, 'many.csv');
    writeFileSync(many, ['id,title,platform', ...Array.from({ length: 15 }, (_, i) => `${i},Genuine ivory bangle for sale WhatsApp,p${String(i).padStart(2, '0')}`)].join('\n') + '\n');
    const out = path.join(dir, 'many.html');
    expect((await cli(['report', '-q', many, '--by', 'platform', '-o', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Flagged listings by platform (first 12 of 15 shown)');
  });
});

describe('the table width', () => {
  it('follows COLUMNS when stdout is not a terminal', async () => {
    const { default: stringWidth } = await import('string-width');
    for (const columns of ['60', '100']) {
      const r = await cli(['score', '-q', '-f', 'table', '--no-color', '--top', '20', SAMPLE], { env: { COLUMNS: columns } });
      const widths = r.stdout.trimEnd().split('\n').map((l) => stringWidth(l));
      expect(Math.max(...widths)).toBeLessThanOrEqual(Number(columns));
      expect(Math.max(...widths)).toBeGreaterThan(Number(columns) - 10);
    }
  });
});

describe('bounded memory', () => {
  it('a table shows at most 1000 rows without --top, and says how many it left out', async () => {
    const file = path.join(fresh('table-rows'), 'many.jsonl');
    writeFileSync(file, Array.from({ length: 1300 }, (_, i) => JSON.stringify({ id: `T${i}`, title: i % 3 === 0 ? 'Carved ivory bangle WhatsApp me' : `Blue vase number ${i}` })).join('\n') + '\n');
    const r = await cli(['score', '-q', '-f', 'table', '--no-color', file]);
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(1000);
    expect(rows[999]).toMatch(/^\s+1000\s/);
    expect(r.stderr).toBe('wildsift: warning: the table shows the top 1000 rows; 300 more were left out (--top n shows n; -f jsonl or csv writes all)\n');
    // the same first rows as the full ranking
    const all = (await cli(['score', '-q', '-f', 'table', '--no-color', '--top', '1300', file])).stdout.split('\n');
    expect(r.stdout.split('\n').slice(0, 1001)).toEqual(all.slice(0, 1001));
  });
});

describe('lexicon text on the terminal', () => {
  it('lexicon test shows control characters of examples escaped', async () => {
    const file = path.join(fresh('lex-esc'), 'esc.yaml');
    writeFileSync(file, readFileSync('test/fixtures/lexicons/lint/failing-examples.yaml', 'utf8').replace(/(["']?)tigers for sale\1/, '"tigers\\x9b2J\\u202e for sale"'));
    const r = await cli(['lexicon', 'test', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('tigers\\x9b2J\\u202e for sale');
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });
});

describe('lexicons are loaded once, before any input is read', () => {
  it('a broken lexicon stops a run whose input has no rows (exit 2)', async () => {
    const r = await cli(['score', '-q', '--lexicon', 'test/fixtures/lexicons/bad-schema.yaml', 'fixtures/bad/header-only.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^wildsift: lexicon error:\n {2}test\/fixtures\/lexicons\/bad-schema\.yaml: entry bad\.one: unknown field "colour"/);
  });
  it('a lexicon from a pipe works with worker threads (read once, sent to the workers)', () => {
    const r = spawnSync('bash', ['-c', `node ${BIN} score -q --jobs 2 -f jsonl --no-default-lexicons --lexicon <(cat test/fixtures/lexicons/mini.yaml) ${SAMPLE} | wc -l`], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('112');
  });
});
