#!/usr/bin/env node
// Writes a deterministic synthetic listings file for benchmarks.
// Usage: node bench/generate.mjs --rows 100000 --out /tmp/listings.csv [--format csv|jsonl] [--seed 1] [--sentences 2-6] [--labels]
// --labels: adds a `label` column (1 for the offers, 0 otherwise, 3% of labels flipped as
// annotators disagree), for `wildsift train` and `eval` benchmarks.
// --sentences: how many filler sentences a description has (a range); 12-20 gives rows of about 600 bytes.
// The text is made up by this project; the mix is about 65% English, 15% Chinese,
// 12% Vietnamese and 8% other languages, with a few percent wildlife offers.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    out: { type: 'string' },
    format: { type: 'string' },
    seed: { type: 'string', default: '1' },
    sentences: { type: 'string', default: '2-6' },
    labels: { type: 'boolean', default: false },
  },
});
if (!values.out) {
  console.error('usage: node bench/generate.mjs --rows N --out FILE [--format csv|jsonl] [--seed S]');
  process.exit(2);
}
const rows = Number(values.rows);
const [minS, maxS] = values.sentences.split('-').map(Number);
const format = values.format ?? (values.out.endsWith('.jsonl') ? 'jsonl' : 'csv');

let state = Number(values.seed) >>> 0;
function rand() {
  // mulberry32
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rand() * a.length)];

const EN = {
  items: ['mountain bike', 'iPhone 13 case', 'oak dining table', 'wedding dress', 'ceramic vase', 'gaming laptop', 'baby stroller', 'leather sofa', 'tea set', 'guitar amp', 'garden hose', 'winter jacket'],
  adj: ['used', 'like new', 'vintage', 'handmade', 'barely used', 'antique style', 'brand new', 'refurbished'],
  filler: ['Great condition, no scratches.', 'Pick up only, cash on collection.', 'Smoke-free home.', 'Selling because we are moving.', 'Original box included.', 'Message me for more photos.', 'Price is firm.', 'Can post at buyer\'s cost.'],
  traps: ['Ivory lace wedding dress, size 10', 'Tiger Balm red 30g, sealed', 'Tiger eye stone bracelet', 'Bone china tea set for six', 'Rhino ute liner for Hilux', 'Resin elephant figurine, faux ivory finish', 'Ivory Coast coffee beans 1kg'],
  offers: ['Carved elephant ivory bangle, genuine', 'Rhino horn cup, old collection', 'Tiger claw pendant, real', 'Pangolin scales 500g', 'Hawksbill tortoiseshell comb', 'Ivory netsuke, carved, 19th c.'],
  contact: ['WhatsApp +1 555 xxx 0101', 'DM me', 'inbox for price', 'Telegram @seller_x', 'call 07xxx xxx 123'],
};
const ZH = {
  items: ['二手自行车', '全新手机壳', '实木餐桌', '陶瓷花瓶', '婴儿推车', '游戏笔记本', '真皮沙发'],
  filler: ['九成新，无划痕。', '同城自提。', '包邮，不议价。', '搬家急售。', '原装盒子都在。'],
  traps: ['象牙白色衣柜', '仿象牙树脂摆件', '虎皮鹦鹉一对', '骨瓷茶具套装'],
  offers: ['老象牙手镯 出售', '犀牛角杯 收藏级', '玳瑁手镯 天然', '穿山甲片 500克', '白料手串 出'],
  contact: ['加微信', '微信详聊', '私聊', '包邮'],
};
const VI = {
  items: ['xe đạp cũ', 'điện thoại cũ', 'bàn ăn gỗ', 'bình gốm', 'xe đẩy em bé', 'áo khoác mùa đông'],
  filler: ['Hàng đẹp, còn mới.', 'Giao hàng toàn quốc.', 'Liên hệ để xem thêm ảnh.', 'Giá tốt cho ai thiện chí.'],
  traps: ['Váy cưới màu ngà', 'Dầu cù là con hổ', 'Vòng đá mắt hổ'],
  offers: ['Vòng tay ngà voi thật', 'Sừng tê giác nguyên khối', 'Cao hổ cốt nguyên chất', 'Vảy tê tê khô', 'Lược đồi mồi'],
  contact: ['Zalo 09xx xxx 123', 'ship COD toàn quốc', 'inbox giá'],
};
const OTHER = {
  items: ['sepeda gunung bekas', 'bicicleta usada', 'vélo d\'occasion', 'gebrauchtes Fahrrad', 'โทรศัพท์มือสอง'],
  filler: ['Kondisi bagus.', 'Buen estado.', 'Très bon état.', 'Guter Zustand.', 'สภาพดี'],
  traps: ['Gaun pengantin putih gading', 'Vestido color marfil', 'Robe couleur ivoire', 'Elfenbeinfarbenes Kleid'],
  offers: ['Gelang gading gajah asli', 'Cuerno de rinoceronte tallado', 'Bracelet en ivoire ancien', 'Elfenbein Armreif geschnitzt', 'Sisik trenggiling 1kg'],
  contact: ['WA 0812-xxxx-5566', 'WhatsApp', 'mensaje privado', 'contactez-moi', 'PN bitte'],
};

function listing(i) {
  const r = rand();
  const lang = r < 0.65 ? EN : r < 0.8 ? ZH : r < 0.92 ? VI : OTHER;
  const kind = rand();
  let title;
  if (kind < 0.04) title = pick(lang.offers);
  else if (kind < 0.1) title = pick(lang.traps);
  else title = lang.adj ? `${pick(lang.adj)} ${pick(lang.items)}` : pick(lang.items);
  const cjk = lang === ZH;
  const parts = [title + (cjk ? '。' : '.')];
  const n = minS + Math.floor(rand() * (maxS - minS + 1));
  for (let k = 0; k < n; k++) parts.push(pick(lang.filler));
  parts.push(cjk ? `价格${Math.floor(rand() * 2000) + 5}元` : `Price ${Math.floor(rand() * 2000) + 5}`);
  if (rand() < 0.5) parts.push(pick(lang.contact));
  const l = { id: `B${i}`, title, description: parts.join(cjk ? '' : ' '), seller: `user${Math.floor(rand() * 50000)}`, price: String(Math.floor(rand() * 2000) + 5) };
  if (values.labels) l.label = String((kind < 0.04) !== (rand() < 0.03) ? 1 : 0);
  return l;
}

function csvCell(s) {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const out = createWriteStream(values.out);
if (format === 'csv') out.write(`id,title,description,seller,price${values.labels ? ',label' : ''}\n`);
for (let i = 1; i <= rows; i++) {
  const l = listing(i);
  const line = format === 'csv'
    ? [l.id, l.title, l.description, l.seller, l.price, ...(values.labels ? [l.label] : [])].map(csvCell).join(',') + '\n'
    : JSON.stringify(l) + '\n';
  if (!out.write(line)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
