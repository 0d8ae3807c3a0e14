// Draws the sentences of a gold set for hand coding: half from the bundled policy texts, half
// from UN General Debate speeches (../shared/bench, unpacked once into the temp folder), none
// that is in an earlier gold set and no speech that gave one. Strata by keyword, seeded, so the
// same arguments give the same draw. Writes id,doc,text (what coders see, shuffled) and a
// working file with each sentence's stratum (not shown to coders).
//
//   node scripts/sample-gold.mjs --out DIR [--seed N] [--per-source N] [--prefix t] [--exclude A.csv,B.csv]
//   node scripts/sample-gold.mjs --design undp --out DIR [--seed N] [--per-source N] [--prefix u] [--exclude …]
//   node scripts/sample-gold.mjs --out DIR --twins k,m [--seed N] [--per-source N] [--exclude …]
//
// The defaults draw test/gold/dev5.csv's sentences (its coders saw DIR/view.csv). `--design undp`
// draws from UN speeches alone, with strata for the UNDP categories EU texts rarely address (food,
// health, environment) and economic security, beside a uniform stratum: with `--seed 20261207`
// and the other defaults it draws test/gold/dev6.csv's sentences. `--twins A,B` splits the draw
// into two sets of its odd- and even-numbered sentences, ids renamed with prefix A and B (the
// numbers kept), into DIR/view-A.csv, DIR/sample-A.csv and the same for B: with `--twins k,m
// --seed 20261209 --per-source 200` and every earlier set excluded, test/gold/dev7.csv's and
// dev8.csv's sentences.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { mulberry32, seededShuffle } from '../dist/evaluate/bootstrap.js';
import { corpusFolder } from './corpus-folder.mjs';
import { isSameSentence, normaliseText } from './gold-overlap.mjs';

const root = new URL('..', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    out: { type: 'string' },
    seed: { type: 'string', default: '20261206' },
    'per-source': { type: 'string' },
    prefix: { type: 'string' },
    design: { type: 'string', default: 'frames' },
    exclude: { type: 'string' },
    twins: { type: 'string' },
  },
});
const isUndp = args.design === 'undp';
const twins = args.twins?.split(',');
if (twins && (twins.length !== 2 || twins.some((prefix) => !/^[a-z]+$/.test(prefix)))) throw new Error('--twins takes two prefixes: --twins k,m');
args.prefix ??= twins ? 'v' : undefined;
if (!isUndp && args.design !== 'frames') throw new Error('--design must be frames or undp');
args.prefix ??= isUndp ? 'u' : 't';
// Sentences from each source: the policy texts and the speeches (frames), or twice this many speeches (undp).
args['per-source'] ??= isUndp ? '100' : '150';
// Each design leaves out every gold set drawn before it.
args.exclude ??= [...['dev.csv', 'dev2.csv', 'dev3.csv', 'dev4.csv'], ...(isUndp ? ['dev5.csv'] : [])].map((f) => join(root, 'test/gold', f)).join(',');
if (!args.out) throw new Error('usage: node scripts/sample-gold.mjs --out DIR [--seed N] [--per-source N] [--prefix P]');

const random = mulberry32(Number(args.seed));
const pick = (list) => list[Math.floor(random() * list.length)];

// Sentences: paragraphs joined from hard-wrapped lines; a paragraph or list number is dropped;
// split at . ! ? before a capital, not after a title, an initial or a common abbreviation.
const ABBREVIATIONS = /(?:\b(?:Mr|Mrs|Ms|Dr|No|Nos|Art|Arts|St|Prof|para|paras|cf|vol|pp|Co|Inc|Ltd|Jr|Sr|Gen|Sept|Oct|Nov|Dec|Jan|Feb|Aug)|\be\.g|\bi\.e|\betc|\b[A-Z]|\bU\.S|\bU\.N)\.$/;
const MARKER = /^(?:\d+\.|\(\d+\)|\([a-z]{1,4}\)|[a-z]\)|\d+\))\s+/;

function paragraphs(text) {
  const out = [];
  let current = [];
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || MARKER.test(line)) {
      if (current.length) out.push(current.join(' '));
      current = [];
      if (line === '') continue;
    }
    current.push(line.replace(MARKER, ''));
  }
  if (current.length) out.push(current.join(' '));
  return out;
}

function sentences(text) {
  const out = [];
  for (const paragraph of paragraphs(text)) {
    let start = 0;
    const boundary = /[.!?]["'”’)\]]?\s+(?=["'“‘(\[]?[A-Z])/g;
    for (let m; (m = boundary.exec(paragraph)); ) {
      const head = paragraph.slice(start, m.index + 1);
      if (ABBREVIATIONS.test(head)) continue;
      out.push(paragraph.slice(start, m.index + m[0].trimEnd().length).trim());
      start = m.index + m[0].length;
    }
    out.push(paragraph.slice(start).trim());
  }
  return out
    .map((s) => s.replace(MARKER, '').replace(/\s+/g, ' ').trim())
    .filter((s) => {
      const words = s.split(' ').length;
      return words >= 8 && words <= 60;
    });
}

// Earlier gold sets: their sentences are never drawn again, nor their speeches.
const goldFiles = args.exclude.split(',').filter(Boolean);
const goldTexts = [];
const goldDocs = new Set();
for (const file of goldFiles) {
  for (const row of parse(readFileSync(file), { columns: true })) {
    goldTexts.push(normaliseText(row.text));
    goldDocs.add(row.doc);
  }
}
const isFresh = (s) => !goldTexts.some((g) => isSameSentence(s, g));

const PEOPLE = /\b(?:rights|dignity|needs|vulnerable|protection|humanitarian|asylum|refugees?|migrants?|child\w*|women|victims?|access to|assistance|reception|integration|resettlement|livelihoods?|well-?being)\b/i;
const STATE = /\b(?:border\w*|sovereign\w*|security|threats?|illegal(?:ly)?|irregular(?:ly)?|smuggl\w*|traffick\w*|returns?|detention|deport\w*|removals?|screening|controls?|surveillance|invasion|terroris\w*|public order)\b/i;
function stratum(s) {
  const p = PEOPLE.test(s);
  const t = STATE.test(s);
  return p && t ? 'both' : p ? 'people' : t ? 'state' : 'other';
}

// Strata of `--design undp`, by the codebook's typical language of each category (§2).
const UNDP = {
  food: /\b(?:food|hunger|hungry|famines?|starv\w*|malnutrition|malnourish\w*|nutrition\w*|harvests?|crops?|agricultur\w*|grain)\b/i,
  health: /\b(?:health|diseases?|epidemics?|pandemics?|hospitals?|vaccin\w*|HIV|AIDS|malaria|medic\w*|illness\w*|sanitation)\b/,
  environmental: /\b(?:climate|environment\w*|pollution|polluted|droughts?|floods?|flooding|desertification|deforestation|disasters?|sea[- ]levels?|emissions?|hurricanes?|cyclones?)\b/i,
  economic: /\b(?:poverty|poor|unemploy\w*|jobs?|employment|incomes?|wages?|housing|homeless\w*|livelihoods?|social security)\b/i,
};
const inStratum = (s, wanted) => (isUndp ? UNDP[wanted].test(s) : stratum(s) === wanted);

/**
 * Draws `total` sentences from `groups` (name → sentences): 30% people, 30% state, 13% both,
 * the rest uniform (any sentence); with `--design undp`, 17.5% each of food, health,
 * environmental and economic, the rest uniform. Each draw serves the group with the fewest
 * picks so far that still has a candidate, at most `cap` from a group (`cap` 1: every sentence
 * from another group).
 */
function draw(groups, total, cap) {
  const shares = isUndp ? { food: 0.175, health: 0.175, environmental: 0.175, economic: 0.175 } : { people: 0.3, state: 0.3, both: 0.13 };
  const quotas = Object.fromEntries(Object.entries(shares).map(([name, share]) => [name, Math.round(total * share)]));
  quotas.uniform = total - Object.values(quotas).reduce((sum, n) => sum + n, 0);
  const taken = new Map([...groups.keys()].map((g) => [g, 0]));
  const used = new Set();
  const picks = [];
  for (const wanted of Object.keys(quotas)) {
    for (let n = 0; n < quotas[wanted]; n++) {
      const eligible = (g) =>
        groups.get(g).filter((s) => !used.has(s) && (wanted === 'uniform' || inStratum(s, wanted)));
      const open = [...groups.keys()].filter((g) => taken.get(g) < cap && eligible(g).length > 0);
      if (open.length === 0) throw new Error(`no ${wanted} sentence left to draw`);
      const fewest = Math.min(...open.map((g) => taken.get(g)));
      const group = pick(open.filter((g) => taken.get(g) === fewest));
      const sentence = pick(eligible(group));
      used.add(sentence);
      taken.set(group, taken.get(group) + 1);
      picks.push({ doc: group, text: sentence, stratum: wanted });
    }
  }
  return picks;
}

const perSource = Number(args['per-source']);

// (a) the bundled policy texts, at most a fifth of the half from one text (earlier gold sets have
// taken much of the shorter texts, so the draws cannot be spread evenly).
const corpusDir = join(root, 'corpora/eu-migration');
const policy = new Map();
for (const file of readdirSync(corpusDir).filter((f) => f.endsWith('.txt')).sort()) {
  const doc = basename(file, '.txt');
  policy.set(doc, [...new Set(sentences(readFileSync(join(corpusDir, file), 'utf8')))].filter(isFresh));
}
const policyPicks = isUndp ? [] : draw(policy, perSource, Math.ceil(perSource / 5));

// (b) UN General Debate speeches that gave no earlier gold sentence, one sentence per speech.
const ungd = corpusFolder('ungd');
const speeches = new Map();
for (const session of readdirSync(ungd).sort()) {
  for (const file of readdirSync(join(ungd, session)).sort()) {
    const doc = basename(file, '.txt');
    if (goldDocs.has(doc)) continue;
    speeches.set(doc, { session, file });
  }
}
// A pool of speeches spread over the sessions, read only as drawn (the corpus is large).
const bySession = new Map();
for (const [doc, { session }] of speeches) {
  if (!bySession.has(session)) bySession.set(session, []);
  bySession.get(session).push(doc);
}
const pool = new Map();
const sessions = [...bySession.keys()];
while (pool.size < perSource * 6 * (isUndp ? 2 : 1)) {
  const docs = bySession.get(pick(sessions)).filter((d) => !pool.has(d));
  if (docs.length === 0) continue;
  const doc = pick(docs);
  const { session, file } = speeches.get(doc);
  pool.set(doc, [...new Set(sentences(readFileSync(join(ungd, session, file), 'utf8')))].filter(isFresh));
}
const speechPicks = draw(pool, isUndp ? 2 * perSource : perSource, 1);

// Shuffle all picks together and number them.
const all = seededShuffle([...policyPicks, ...speechPicks], random);
const width = String(all.length).length;
const rows = all.map((p, i) => ({ id: `${args.prefix}${String(i + 1).padStart(width, '0')}`, ...p }));
mkdirSync(args.out, { recursive: true });
writeFileSync(join(args.out, 'view.csv'), stringify(rows, { header: true, columns: ['id', 'doc', 'text'] }));
writeFileSync(join(args.out, 'sample.csv'), stringify(rows, { header: true, columns: ['id', 'doc', 'stratum', 'text'] }));
if (twins) {
  for (const [parity, prefix] of twins.entries()) {
    const half = rows.filter((_, i) => i % 2 === parity).map((row) => ({ ...row, id: prefix + row.id.slice(args.prefix.length) }));
    writeFileSync(join(args.out, `view-${prefix}.csv`), stringify(half, { header: true, columns: ['id', 'doc', 'text'] }));
    writeFileSync(join(args.out, `sample-${prefix}.csv`), stringify(half, { header: true, columns: ['id', 'doc', 'stratum', 'text'] }));
  }
}
const count = (list, key) => {
  const counts = new Map();
  for (const p of list) counts.set(p[key], (counts.get(p[key]) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
};
console.log(`${rows.length} sentences → ${args.out}/view.csv`);
console.log(`policy texts: ${count(policyPicks, 'stratum')}; by text: ${count(policyPicks, 'doc')}`);
console.log(`speeches: ${count(speechPicks, 'stratum')}; sessions: ${new Set(speechPicks.map((p) => speeches.get(p.doc).session)).size}`);
