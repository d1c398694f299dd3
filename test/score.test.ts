import { describe, expect, it } from 'vitest';
import { Scorer } from '../src/core/scorer.js';
import { curve, levelOf, DEFAULT_SCORE_OPTIONS } from '../src/core/score.js';
import { entry, lexicon } from './helpers.js';

const lex = lexicon([
  entry('ivory.name', 'product', 'elephant_ivory', 3, { en: ['elephant ivory'] }),
  entry('ivory.word', 'product', 'elephant_ivory', 2, { en: ['ivory'] }, { corroboration: 'required' }),
  entry('rhino.name', 'product', 'rhino_horn', 3, { en: ['rhino horn'] }),
  entry('tiger.word', 'species', 'tiger', 1, { en: ['tiger'] }, { corroboration: 'required' }),
  entry('code.white', 'code_word', 'elephant_ivory', 2, { zh: ['白料'] }),
  entry('form.bangle', 'product_form', 'any', 1, { en: ['bangle'], zh: ['手镯'] }),
  entry('trade.sale', 'trade_signal', 'any', 1, { en: ['for sale'], zh: ['出售'] }),
  entry('trade.whatsapp', 'trade_signal', 'any', 1, { en: ['whatsapp'] }),
  entry('trade.price', 'trade_signal', 'any', 0.75, { en: ['$', 'usd'] }),
  entry('benign.balm', 'benign', 'tiger', -4, { en: ['tiger balm'] }),
  entry('benign.dress', 'benign', 'elephant_ivory', -2, { en: ['wedding dress'] }),
  entry('news.seized', 'news', 'any', -2.5, { en: ['seized'] }),
]);
const s = new Scorer([lex]);

describe('scoring', () => {
  it('scores nothing when nothing matches', () => {
    const r = s.scoreText('Mountain bike, 21 gears, $300');
    expect(r.score).toBe(0);
    expect(r.level).toBe('none');
    expect(r.products).toEqual([]);
  });

  it('adds contributions up to the raw score', () => {
    const r = s.scoreText('Elephant ivory bangle for sale, $450, WhatsApp me');
    const sum = r.hits.reduce((a, h) => a + h.contribution, 0);
    expect(sum).toBeCloseTo(r.raw, 9);
    expect(r.score).toBeCloseTo(curve(r.raw, DEFAULT_SCORE_OPTIONS.scale), 12);
    expect(r.products.map((p) => p.product)).toEqual(['elephant_ivory']);
    // 'ivory' lies inside 'elephant ivory' and adds nothing
    expect(r.hits.find((h) => h.hit.entry.id === 'ivory.word')?.status).toBe('inside');
    // trade signals 1 + 1 + 0.75 are capped at 2
    const trade = r.hits.filter((h) => h.hit.entry.kind === 'trade_signal').reduce((a, h) => a + h.contribution, 0);
    expect(trade).toBeCloseTo(2, 9);
    expect(r.level).toBe('high');
  });

  it('needs corroboration for ambiguous words and code words', () => {
    const alone = s.scoreText('白料');
    const withSale = s.scoreText('白料手镯出售');
    expect(alone.score).toBeLessThan(0.5);
    expect(withSale.score).toBeGreaterThanOrEqual(0.5);
    expect(alone.hits[0]?.status).toBe('uncorroborated');
    expect(alone.hits[0]?.contribution).toBeCloseTo(0.5, 9);
  });

  it('lets benign and news context subtract', () => {
    expect(s.scoreText('Tiger Balm 30g for sale $5').score).toBe(0);
    expect(s.scoreText('Ivory wedding dress for sale, $200').score).toBeLessThan(s.scoreText('Ivory bangle for sale, $200').score);
    const news = s.scoreText('Customs seized 2 tonnes of elephant ivory');
    expect(news.score).toBeLessThan(0.2);
  });

  it('counts an entry once however often it matches', () => {
    const once = s.scoreText('rhino horn');
    const thrice = s.scoreText('rhino horn rhino horn rhino horn');
    expect(thrice.raw).toBe(once.raw);
    expect(thrice.hits.filter((h) => h.status === 'repeat')).toHaveLength(2);
  });

  it('scores the best product and marks the others', () => {
    const r = s.scoreText('rhino horn and tiger');
    expect(r.products[0]?.product).toBe('rhino_horn');
    expect(r.hits.find((h) => h.hit.entry.id === 'tiger.word')?.status).toBe('other-product');
  });

  it('maps scores to levels', () => {
    const L = DEFAULT_SCORE_OPTIONS.levels;
    expect(levelOf(0.95, L)).toBe('high');
    expect(levelOf(0.5, L)).toBe('medium');
    expect(levelOf(0.2, L)).toBe('low');
    expect(levelOf(0.19, L)).toBe('none');
  });
});

describe('scoring rules added for ambiguous words', () => {
  const lex2 = lexicon([
    entry('tiger.species', 'species', 'tiger', 1, { en: ['tiger'] }, { corroboration: 'required' }),
    entry('tiger.bone', 'product', 'tiger', 2, { en: ['bone'] }, { corroboration: 'product' }),
    entry('ivory.word', 'product', 'elephant_ivory', 2, { en: ['ivory'] }, { corroboration: 'required' }),
    entry('mammoth.name', 'product', 'mammoth_ivory', 3, { en: ['mammoth ivory'] }),
    entry('form.carving', 'product_form', 'any', 1, { en: ['carving'] }),
    entry('form.kg', 'product_form', 'any', 0.5, { en: ['kg'] }),
    entry('trade.sale', 'trade_signal', 'any', 1, { en: ['for sale'] }),
    entry('trade.wa', 'trade_signal', 'any', 1, { en: ['whatsapp'] }),
  ]);
  const s2 = new Scorer([lex2]);

  it("'product' corroboration needs another entry of the same product", () => {
    const alone = s2.scoreText('bone carving for sale, whatsapp');
    expect(alone.hits.find((h) => h.hit.entry.id === 'tiger.bone')?.status).toBe('uncorroborated');
    expect(alone.score).toBeLessThan(0.5);
    const anchored = s2.scoreText('tiger bone carving for sale, whatsapp');
    expect(anchored.hits.find((h) => h.hit.entry.id === 'tiger.bone')?.status).toBe('counted');
    expect(anchored.score).toBeGreaterThan(0.5);
  });

  it('limits context to the evidence', () => {
    const r = s2.scoreText('bone carving 2 kg for sale, whatsapp');
    // evidence 0.5 (uncorroborated bone): context 1.5 + 2 = 3.5 is scaled to 0.5
    expect(r.raw).toBeCloseTo(1, 9);
    expect(r.hits.filter((h) => h.status === 'capped')).toHaveLength(4);
    expect(r.hits.reduce((a, h) => a + h.contribution, 0)).toBeCloseTo(r.raw, 9);
  });

  it('lets a longer evidence hit of another product absorb a shorter one', () => {
    const r = s2.scoreText('mammoth ivory carving');
    expect(r.products.map((p) => p.product)).toEqual(['mammoth_ivory']);
    const ivory = r.hits.find((h) => h.hit.entry.id === 'ivory.word')!;
    expect(ivory.status).toBe('inside');
    expect(ivory.insideOf).toBe('mammoth.name');
  });

  it('treats the border between digits and letters as a word boundary', () => {
    expect(s2.scoreText('bone 1.2kg').hits.map((h) => h.hit.entry.id)).toContain('form.kg');
    expect(s2.scoreText('bone 12kgs').hits.map((h) => h.hit.entry.id)).not.toContain('form.kg');
  });
});

describe('negation and benign terms inside evidence', () => {
  const lex3 = lexicon([
    entry('ivory', 'product', 'elephant_ivory', 2, { en: ['ivory'] }, { corroboration: 'required' }),
    entry('code.white-plastic', 'code_word', 'elephant_ivory', 2, { en: ['white plastic'] }),
    entry('form.bangle', 'product_form', 'any', 1, { en: ['bangle'] }),
    entry('trade.sale', 'trade_signal', 'any', 1, { en: ['for sale'] }),
    entry('benign.imitation', 'benign', 'any', -2.5, { en: ['resin', 'plastic', 'faux'] }),
    entry('news.seized', 'news', 'any', -2.5, { en: ['seized'] }),
    entry('not', 'negation', 'any', 0, { en: ['not', 'no'] }),
  ]);
  const s3 = new Scorer([lex3]);
  const status = (text: string, id: string) => s3.scoreText(text).hits.filter((h) => h.hit.entry.id === id).map((h) => h.status);

  it('cancels a benign term right after a negation', () => {
    expect(status('Ivory bangle, not resin', 'benign.imitation')).toEqual(['negated']);
    expect(status('Ivory bangle, not real resin', 'benign.imitation')).toEqual(['negated']);
    expect(s3.scoreText('Ivory bangle, not resin').score).toBe(s3.scoreText('Ivory bangle').score);
    expect(status('Ivory bangle, not resin', 'not')).toEqual(['negation']);
  });

  it('does not reach past a comma, a sentence end or two words', () => {
    expect(status('No ivory, resin only', 'benign.imitation')).toEqual(['counted']);
    expect(status('Not old. Resin ivory bangle', 'benign.imitation')).toEqual(['counted']);
    expect(status('not a real looking resin ivory bangle', 'benign.imitation')).toEqual(['counted']);
  });

  it('does not let a benign word inside a code word cancel it', () => {
    const r = s3.scoreText('white plastic bangle for sale');
    expect(r.hits.find((h) => h.hit.entry.id === 'benign.imitation')).toMatchObject({ status: 'inside', insideOf: 'code.white-plastic', contribution: 0 });
    expect(r.score).toBeGreaterThan(0.5);
  });
});

describe('field roles, local cues, talk and length', () => {
  const roles = new Scorer([lexicon([
    ...lex.entries,
    entry('ivory.carvings', 'product', 'elephant_ivory', 3, { en: ['ivory carvings'] }),
    entry('news.ban-selling', 'news', 'any', -2, { en: ['ban on selling'] }),
    entry('trade.selling', 'trade_signal', 'any', 1, { en: ['selling'] }),
    entry('cue.period', 'product_form', 'any', 0.75, { en: ['victorian'] }, { near: { entries: ['ivory.word'], within: 2, side: 'before' } }),
    entry('cue.silk', 'benign', 'elephant_ivory', -3, { en: ['silk'] }, { near: { entries: ['ivory.word'], within: 1, side: 'after' } }),
  ])]);
  const status = (r: ReturnType<Scorer['score']>, id: string) => r.hits.find((h) => h.hit.entry.id === id)?.status;

  it('a bio never makes a listing about a product on its own', () => {
    const r = roles.score([{ name: 'text', text: 'Silver vodka cup, 1890, $300' }, { name: 'bio', text: 'antique ivory carvings, worldwide', role: 'context' }]);
    expect(r.score).toBe(0);
    expect(status(r, 'ivory.carvings')).toBe('no-evidence');
    // the same words in an item field are evidence
    expect(roles.scoreText('Silver vodka cup and ivory carvings, $300').score).toBeGreaterThan(0.5);
  });

  it("a bio's evidence corroborates the post's bare word and adds half its weight as context", () => {
    const bare = roles.scoreText('ivory, 11.5 cm');
    expect(status(bare, 'ivory.word')).toBe('uncorroborated');
    const r = roles.score([{ name: 'text', text: 'ivory, 11.5 cm' }, { name: 'bio', text: 'antique ivory carvings', role: 'context' }]);
    expect(status(r, 'ivory.word')).toBe('counted');
    expect(status(r, 'ivory.carvings')).toBe('context');
    expect(r.hits.find((h) => h.hit.entry.id === 'ivory.carvings')!.contribution).toBeCloseTo(1.5, 9);
    expect(r.candidates[0]!.parts).toMatchObject({ evidence: 2, context: 1.5 });
    expect(r.hits.find((h) => h.hit.entry.id === 'ivory.carvings')!.hit.role).toBe('context');
  });

  it('a near entry counts only next to its anchor, on its side', () => {
    const r = roles.scoreText('Victorian carved ivory cane handle');
    expect(status(r, 'cue.period')).toBe('counted');
    expect(r.hits.find((h) => h.hit.entry.id === 'cue.period')!.hit.nearOf).toBe('ivory.word');
    // too far, or on the wrong side: no hit at all
    expect(roles.scoreText('Victorian style house with a big garden and ivory walls').hits.some((h) => h.hit.entry.id === 'cue.period')).toBe(false);
    expect(roles.scoreText('ivory Victorian').hits.some((h) => h.hit.entry.id === 'cue.period')).toBe(false);
    const silk = roles.scoreText('ivory silk wedding gown for sale');
    expect(status(silk, 'cue.silk')).toBe('counted');
    expect(silk.score).toBe(0);
    expect(roles.scoreText('silk scarf and an ivory bangle for sale').hits.some((h) => h.hit.entry.id === 'cue.silk')).toBe(false);
  });

  it('counts Chinese and Thai characters two to a token', () => {
    const zh = new Scorer([lexicon([
      entry('zh.ivory', 'product', 'elephant_ivory', 2, { zh: ['象牙'] }),
      entry('zh.white', 'benign', 'elephant_ivory', -3, { zh: ['白色'] }, { near: { entries: ['zh.ivory'], within: 1, side: 'either' } }),
    ])]);
    // 象牙 + 1 token (两个字) + 白色
    expect(zh.scoreText('象牙两个白色').hits.some((h) => h.hit.entry.id === 'zh.white')).toBe(true);
    expect(zh.scoreText('象牙两个字再来白色').hits.some((h) => h.hit.entry.id === 'zh.white')).toBe(false);
  });

  it('a sale word inside a discussion term counts nothing', () => {
    const r = roles.scoreText('A complete ban on selling elephant ivory');
    expect(status(r, 'trade.selling')).toBe('inside');
    expect(r.raw).toBeCloseTo(3 - 2, 9);
  });

  it('long texts need more than sale words: forms, trade and context scale with sqrt(150 / tokens)', () => {
    const filler = ' word'.repeat(595);
    const short = roles.scoreText('Elephant ivory for sale, WhatsApp');
    const long = roles.scoreText(`Elephant ivory for sale, WhatsApp${filler}`);
    expect(long.length.tokens).toBe(600);
    expect(long.length.factor).toBeCloseTo(0.5, 12);
    expect(short.length.factor).toBe(1);
    expect(long.candidates[0]!.parts.trade).toBeCloseTo(short.candidates[0]!.parts.trade * 0.5, 9);
    expect(long.candidates[0]!.parts.evidence).toBe(short.candidates[0]!.parts.evidence);
    const sum = long.hits.reduce((a, h) => a + h.contribution, 0);
    expect(sum).toBeCloseTo(long.raw, 9);
  });
});
