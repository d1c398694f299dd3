/**
 * The HTML report: escaped, self-contained, and rendered by a real browser
 * (headless Chromium from Debian's chromium package; .ci/run installs it).
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from './cli-helpers.js';
import { escapeHtml } from '../src/output/report.js';

function findChromium(): string | undefined {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-report-'));
const out = path.join(dir, 'report.html');
const run = (await cli(['report', 'fixtures/sample/listings.csv', 'test/fixtures/xss.csv', '--by', 'platform', '--by', 'posted:month', '--top', '60', '-o', out]));
const html = readFileSync(out, 'utf8');

describe('wildsift report (built binary)', () => {
  it('writes one self-contained page that forbids remote loads', async () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('wildsift: report of 113 listings');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    // no element that loads or runs anything (the scraped '<img src=x ...>' is there only as escaped text)
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b|\ssrc="|href="http/i);
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(5);
  });

  it('escapes every piece of scraped text', async () => {
    expect(html).toContain('&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;');
    expect(escapeHtml(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
  });

  const chromium = findChromium();
  const inCi = Boolean(process.env.CI);
  // without Chromium a developer's run says so; CI must have it (.ci/run installs it)
  it.skipIf(!chromium && !inCi)('renders the charts and listings in headless Chromium, and runs no scraped script', () => {
    expect(chromium, 'Chromium is needed for this test: apt-get install chromium').toBeDefined();
    const dom = execFileSync(chromium!, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${path.join(dir, 'profile')}`, '--dump-dom', `file://${out}`,
    ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
    // the page the browser built: title untouched, charts and listings there, the scraped script only as text
    expect(dom).toContain('<title>wildsift report</title>');
    expect(dom).not.toContain('pwned</title>');
    expect((dom.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect((dom.match(/<rect /g) ?? []).length).toBeGreaterThan(20);
    expect(dom).toContain('Flagged listings by product');
    expect(dom).toContain('X1');
    expect(dom).toContain('&lt;script&gt;document.title=');
    expect(dom).not.toMatch(/<script/i);
    expect(dom).not.toMatch(/<img/i);
  });
});
