#!/usr/bin/env node
// Regenerates VALIDATION.md: lexicon agreement with the hand-coded gold set, on the odd-id half
// (used for development), the even-id half (held out) and the whole set.
// Usage: npm run validate -- [--gold FILE.csv]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLED_LEXICONS, bootstrapIntervals, evaluate, loadScorer, readGold } from '../dist/index.js';
import { formatInterval } from '../dist/evaluate/index.js';
import { parse } from 'csv-parse/sync';
import { calibration } from './calibrate-coders.mjs';
import { sharedIds } from './gold-overlap.mjs';

const root = new URL('..', import.meta.url).pathname;
/** The gold sets, by the option that names another file for each (`--third FILE`), with their files under test/gold. */
const GOLD_SETS = {
  gold: 'dev.csv',
  second: 'dev2.csv',
  third: 'dev3.csv',
  fourth: 'dev4.csv',
  fifth: 'dev5.csv',
  sixth: 'dev6.csv',
  seventh: 'dev7.csv',
  eighth: 'dev8.csv',
  negation: 'neg1.csv',
  ninth: 'dev9.csv',
  tenth: 'dev10.csv',
  eleventh: 'dev11.csv',
  twelfth: 'dev12.csv',
  thirteenth: 'dev13.csv',
  fourteenth: 'dev14.csv',
  fifteenth: 'dev15.csv',
  sixteenth: 'dev16.csv',
  seventeenth: 'dev17.csv',
  eighteenth: 'dev18.csv',
  nineteenth: 'dev19.csv',
  twentieth: 'dev20.csv',
  twentyFirst: 'dev21.csv',
  twentySecond: 'dev22.csv',
  twentyThird: 'dev23.csv',
  twentyFourth: 'dev24.csv',
  twentyFifth: 'dev25.csv',
  twentySixth: 'dev26.csv',
  twentySeventh: 'dev27.csv',
  twentyEighth: 'dev28.csv',
  twentyNinth: 'dev29.csv',
  thirtieth: 'dev30.csv',
};
const { values } = parseArgs({ options: Object.fromEntries(Object.entries(GOLD_SETS).map(([option, file]) => [option, { type: 'string', default: join(root, 'test/gold', file) }])) });
const { scorer } = await loadScorer(BUNDLED_LEXICONS);
const labels = scorer.categories.map((category) => category.id);
const load = async (file) => {
  const { gold, issues } = await readGold(file, labels);
  if (!gold) throw new Error(issues.map((issue) => issue.message).join('\n'));
  return gold;
};
/** Each gold set's whole-set evaluation, by its file (\`loadWhole\`). */
const wholeByFile = new Map();
/** A gold set and its whole-set evaluation. */
const loadWhole = async (file) => {
  const set = await load(file);
  const whole = evaluate(set, scorer, 'all');
  wholeByFile.set(file, whole);
  return [set, whole];
};
const gold = await load(values.gold);
const second = await load(values.second);

/** The coders' mean pairwise κ by label, from an agreement.csv (empty: undefined, no coder disagreed or none coded it). */
const codersKappa = (file) => Object.fromEntries(readFileSync(join(root, file), 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')).map(([label, , kappa]) => [label, kappa.trim() === '' ? null : Number(kappa)]));
const coderKappa = codersKappa('test/gold/coders/agreement.csv');
const fmt = (value) => (value === null ? '–' : value.toFixed(3));
const halves = { odd: evaluate(gold, scorer, 'odd'), even: evaluate(gold, scorer, 'even'), all: evaluate(gold, scorer, 'all') };
const [third, thirdAll] = await loadWhole(values.third);
const [fourth, fourthAll] = await loadWhole(values.fourth);
const [fifth, fifthAll] = await loadWhole(values.fifth);
const [sixth, sixthAll] = await loadWhole(values.sixth);
const sixthCoders = codersKappa('test/gold/dev6-coders/agreement.csv');
const [seventh, seventhAll] = await loadWhole(values.seventh);
const [eighth, eighthAll] = await loadWhole(values.eighth);
const [ninth, ninthAll] = await loadWhole(values.ninth);
const [tenth, tenthAll] = await loadWhole(values.tenth);
const [eleventh, eleventhAll] = await loadWhole(values.eleventh);
const unlabelledOf = (set) => set.rows.filter((row) => Object.values(row.labels).every((value) => !value)).length;
const [twelfth, twelfthAll] = await loadWhole(values.twelfth);
const [thirteenth, thirteenthAll] = await loadWhole(values.thirteenth);
const [fourteenth, fourteenthAll] = await loadWhole(values.fourteenth);
const [fifteenth, fifteenthAll] = await loadWhole(values.fifteenth);
const [sixteenth, sixteenthAll] = await loadWhole(values.sixteenth);
const [seventeenth, seventeenthAll] = await loadWhole(values.seventeenth);
const [eighteenth, eighteenthAll] = await loadWhole(values.eighteenth);
const [nineteenth, nineteenthAll] = await loadWhole(values.nineteenth);
const [twentieth, twentiethAll] = await loadWhole(values.twentieth);
const [twentyFirst, twentyFirstAll] = await loadWhole(values.twentyFirst);
const [twentySecond, twentySecondAll] = await loadWhole(values.twentySecond);
const [twentyThird, twentyThirdAll] = await loadWhole(values.twentyThird);
const [twentyFourth, twentyFourthAll] = await loadWhole(values.twentyFourth);
const [twentyFifth, twentyFifthAll] = await loadWhole(values.twentyFifth);
const [twentySixth, twentySixthAll] = await loadWhole(values.twentySixth);
const [twentySeventh, twentySeventhAll] = await loadWhole(values.twentySeventh);
const [twentyEighth, twentyEighthAll] = await loadWhole(values.twentyEighth);
const [twentyNinth, twentyNinthAll] = await loadWhole(values.twentyNinth);
const [thirtieth, thirtiethAll] = await loadWhole(values.thirtieth);
/** The lowest and highest F1 of label \`index\` over the sets of running text drawn up to \`last\` (dev15.csv: 15), as "0.676 to 0.881". */
const runningTextRange = (index, last = 15) => {
  const number = (file) => Number(/^dev(\d+)\.csv$/.exec(file)?.[1] ?? 0);
  const sets = Object.entries(GOLD_SETS).filter(([, file]) => number(file) >= 11 && number(file) <= last).map(([option]) => wholeByFile.get(values[option]));
  const scores = sets.map((set) => set.metrics[index].f1);
  return `${fmt(Math.min(...scores))} to ${fmt(Math.max(...scores))}`;
};
/** Each sentence's stratum in the draw of dev9.csv and dev10.csv (discrimination or prefixed). */
const prefixedStrata = new Map(['dev9', 'dev10'].flatMap((set) => parse(readFileSync(join(root, `test/gold/${set}-coders/strata.csv`)), { columns: true }).map((row) => [row.id, row.stratum])));
const countStratum = (set, stratum) => set.rows.filter((row) => prefixedStrata.get(row.id) === stratum).length;
const [negation, negationAll] = await loadWhole(values.negation);
const negationStrata = new Map(parse(readFileSync(join(root, 'test/gold/neg1-coders/strata.csv')), { columns: true }).map((row) => [row.id, row.stratum]));
const negationChanged = evaluate({ ...negation, rows: negation.rows.filter((row) => negationStrata.get(row.id) === 'changed') }, scorer, 'all');
// The coders of dev5.csv and dev6.csv, calibrated: 200 of dev.csv's sentences coded blind by three more coders like them.
const csvRecords = (file) => parse(readFileSync(join(root, file)), { columns: true });
const calibrationView = csvRecords('test/gold/calibration/view.csv');
const calibrated = calibration(csvRecords('test/gold/dev.csv'), calibrationView, ['A', 'B', 'C'].map((coder) => ({ file: `coder${coder}.csv`, rows: csvRecords(`test/gold/calibration/coder${coder}.csv`) })), scorer);
const calibratedOf = (label) => calibrated.find((row) => row.label === label);
// Sentences of one set that are also in another (the same sentence, or one inside the other):
// dev.csv's sentences that the sets studied for errors since 1.1.0 also hold were seen in tuning.
const textsOf = (...sets) => sets.flatMap((set) => set.rows.map((row) => row.text));
const seenInTuning = sharedIds(gold.rows, textsOf(third, fourth));
const unseen = evaluate({ labels: gold.labels, rows: gold.rows.filter((row) => !seenInTuning.has(row.id)) }, scorer, 'all');
const sharedCount = (a, b) => sharedIds(a.rows, textsOf(b)).size;
const secondHalves = { odd: evaluate(second, scorer, 'odd'), even: evaluate(second, scorer, 'even'), all: evaluate(second, scorer, 'all') };
// Margin of each figure over its target; under 0.01 a sentence or two decides the target.
const narrow = [];
const targets = halves.all.metrics.map((m) => {
  const isFrame = m.label === 'state_centric' || m.label === 'people_centric';
  const isMet = (m.f1 ?? 0) >= (isFrame ? 0.85 : 0.8) && (!isFrame || (m.cohenKappa ?? 0) >= 0.8);
  const margins = [['F1', (m.f1 ?? 0) - (isFrame ? 0.85 : 0.8)], ...(isFrame ? [['κ', (m.cohenKappa ?? 0) - 0.8]] : [])];
  for (const [name, margin] of margins) if (isMet && margin < 0.01) narrow.push(`${m.label} ${name} by ${margin.toFixed(3)}`);
  return `| ${m.label} | ${isFrame ? 'F1 ≥ 0.85, κ ≥ 0.80' : 'F1 ≥ 0.80'} | ${fmt(m.f1)} | ${fmt(m.cohenKappa)} | ${isMet ? 'met' : '**not met**'} |`;
});

/** A metrics table; with `intervals`, the 95% bootstrap intervals of F1 and κ as two more columns. */
const table = (result, coders = coderKappa, intervals) => {
  const extra = (of) => (intervals ? ` ${formatInterval(of.f1, '–')} | ${formatInterval(of.cohenKappa, '–')} |` : '');
  return [
    `| label | support | predicted | tp | fp | fn | precision | recall | F1 | κ | coders' κ |${intervals ? ' F1 95% CI | κ 95% CI |' : ''}`,
    `|---|---|---|---|---|---|---|---|---|---|---|${intervals ? '---|---|' : ''}`,
    ...result.metrics.map((m, i) => `| ${m.label} | ${m.support} | ${m.predicted} | ${m.tp} | ${m.fp} | ${m.fn} | ${fmt(m.precision)} | ${fmt(m.recall)} | ${fmt(m.f1)} | ${fmt(m.cohenKappa)} | ${fmt(coders[m.label] ?? null)} |${intervals ? extra(intervals.labels[i]) : ''}`),
    `| **macro** | | | | | | ${fmt(result.macro.precision)} | ${fmt(result.macro.recall)} | ${fmt(result.macro.f1)} | ${fmt(result.macro.cohenKappa)} | |${intervals ? extra(intervals.macro) : ''}`,
  ].join('\n');
};

/** The heading and first sentence of a held-out set of running text (\`file\`, e.g. dev18) drawn as \`like\` was. */
const heldOutOpening = (ordinal, file, set, like) => `## ${ordinal} set, held out: running text (test/gold/${file}.csv)

${set.rows.length} sentences drawn as ${like}.csv was, alike from all sentences (${unlabelledOf(set)} carry no label), from
speeches that gave no sentence to the sets above, coded by three further coders (see
\`test/gold/${file.toUpperCase()}.md\`)`;
/** The heading and first sentence of a tuning set of running text drawn with its held-out \`twin\`. */
const tuningOpening = (ordinal, file, set, twin) => `## ${ordinal} set, for tuning: running text (test/gold/${file}.csv)

${set.rows.length} sentences drawn with ${twin}.csv and as it was (${unlabelledOf(set)} carry no label), from speeches that gave
no sentence to the sets above, ${twin}.csv included, coded by three other coders (see
\`test/gold/${file.toUpperCase()}.md\`)`;
/** A set's metrics table beside its coders' κ (\`test/gold/FILE-coders/agreement.csv\`), with bootstrap intervals for a held-out set. */
const setTable = (file, result, hasIntervals = false) => table(result, codersKappa(`test/gold/${file}-coders/agreement.csv`), hasIntervals ? bootstrapIntervals(result.outcomes) : undefined);

const gap = halves.all.metrics.map((m, i) => `${m.label} ${fmt((halves.odd.metrics[i].f1 ?? 0) - (halves.even.metrics[i].f1 ?? 0))}`).join(', ');
const text = `# Validation

How well the bundled lexicons agree with hand coding. Regenerate with \`npm run validate\`.

- **Lexicons:** \`${scorer.lexiconVersion}\`
- **Gold set:** \`test/gold/dev.csv\` — ${gold.rows.length} sentences, each coded by three independent coders
  following the codebook (majority label); see \`test/gold/AGREEMENT.md\`.
- **Method:** each sentence is scored as one document; a label is predicted when its category
  has at least one counted (non-negated) match. Precision, recall, F1 and Cohen's κ per label
  against the majority label; "coders' κ" is the coders' mean pairwise κ, the bar for a
  tool that codes like another coder. The whole of dev.csv and the held-out dev5.csv, dev6.csv, dev8.csv, dev10.csv, dev11.csv, dev13.csv, dev15.csv, dev18.csv, dev20.csv, dev22.csv, dev24.csv, dev26.csv, dev28.csv and dev30.csv also give
  95% percentile bootstrap intervals of F1 and κ (2,000 resamples of the sentences, seed 1, nearest rank;
  \`hsframe evaluate --ci\`): how far the figure could move on another draw of as many
  sentences. A label with few positives that are all found gets a degenerate 1.000–1.000.
- **Honest tuning:** lexicon changes up to 1.1.0 were made looking only at errors on the
  odd-numbered ids of dev.csv (\`hsframe evaluate --subset odd --errors FILE\`), adding only
  terms the codebook or the papers justify, never a phrase because a gold sentence contains it;
  the even-numbered ids are held out, and a large gap between the halves would mean
  overfitting. F1 odd − even: ${gap}. Changes since 1.1.0 were studied only on errors of the
  third and fourth sets, \`test/gold/dev3.csv\` and \`dev4.csv\` (below), and on per-entry
  counts of right and wrong matches over dev2.csv and dev3.csv (from 1.4.0 on, over dev3.csv
  and dev4.csv); a change was kept only if it did not lower the other sets (since 1.4.0: no label's
  F1 lower on any of the four sets, and the tuned label better on at least two), and dev.csv
  sentences and errors were not looked at, only its aggregate figures. That selection on
  dev.csv's figures is a mild bias in its favour. 1.6.0 departs from that: its changes were
  chosen from how the most frequent entries are used in the UN General Debate corpus, then
  checked on per-entry counts over dev.csv to dev4.csv and on the sentences behind them,
  dev.csv's included, and one of them (\`weapon\`) lowers state_centric F1 on dev2.csv by one
  false positive (0.830 → 0.825) while raising it on dev3.csv and dev4.csv. dev.csv flatters
  1.6.0 more than the versions before it; dev5.csv, still unseen, and dev6.csv, drawn after
  1.6.0, are the figures to cite. \`security-frames\` 1.8.0 and \`undp-human-security\` 1.7.0
  were chosen from the errors of a new set coded by three coders, dev7.csv, drawn in one draw
  with a held-out twin, dev8.csv (below): each change adds or narrows an entry the codebook
  justifies, was kept only if no label's F1 fell on any of dev.csv to dev4.csv and dev7.csv, and
  the broader ones (\`destabili*\`, \`offence\`, \`human life\`) were checked on how they are used in a
  few thousand UN General Debate speeches. dev8.csv's figures were worked out only once the
  changes were fixed, for the lexicons before and after them. \`security-frames\` 1.9.0 adds one
  entry, \`anti-terror*\` (state-centric, as \`counter-terrorism\` is), for the codebook's
  terrorism: a prefix joins a word, so \`terroris*\` does not match "anti-terrorism", which is
  frequent in UN speeches. It was chosen from the UN corpus, not from a gold set, but while its
  uses in the gold sets were looked up, one held-out dev5.csv sentence with it was read (coded
  state-centric, and found by the change: dev5.csv state_centric F1 0.785 → 0.791); no other
  set moves. The negation rules of hsframe 0.5.4 (a cue withdrawn where the text asserts what
  follows: "without any discrimination", "no peace without human rights", "no doubt") were
  chosen from the codebook's hard cases and the UN corpus; on the gold sets they move only
  dev.csv's community (F1 0.817 → 0.833). \`undp-human-security\` 1.8.0 counts \`personal\`
  matches in a negation scope too (\`negation: false\`; codebook §2: a prohibition or absence of
  violence refers to freedom from violence), chosen as 1.4.0's changes were: personal F1 0.864 →
  0.873 on dev.csv and 0.810 → 0.819 on dev3.csv, no other set or label moved; held out, dev5.csv,
  dev6.csv and dev8.csv do not move, and neg1.csv's personal rises from 0.590 to 0.685. The same
  for every UNDP category lowered political on dev.csv, dev3.csv, dev4.csv and dev7.csv and
  economic on dev3.csv, and was not kept. \`security-frames\` 1.10.0 and \`undp-human-security\`
  1.9.0 were chosen from the errors of dev9.csv, a set drawn for two kinds of words (below),
  with a held-out twin, dev10.csv: prefixed words that \`lexicon lint --corpus\` reports
  (\`non-racial\`, \`multi-ethnic\`, \`non-aggression\`, \`anti-ballistic\`), added where the
  codebook gives them the entry's sense; discrimination between states and in trade; \`apartheid\`
  as people-centric language (codebook §1: non-discrimination, as \`racism\` already was); and
  "crime of apartheid" no longer personal. A change was kept only if no label's F1 fell on
  dev.csv, dev3.csv or dev7.csv; dev10.csv's figures were worked out once the changes were fixed.
  \`security-frames\` 1.10.1 leaves "the rights of the People's Republic" out of \`rights\`, chosen
  from the errors of dev12.csv, a set of running text (below); no other set's figure falls.
  \`security-frames\` 1.11.0 and \`undp-human-security\` 1.10.0 add words for people's security that
  the codebook and seed papers give and that dev12.csv's people-centric errors miss: persecution
  and oppression (seeds/003: freedom "from fear (of ... violence, persecution, or death)", "oppression,
  hunger, and political oppression"), war crimes and crimes against humanity (people-centric and
  personal), people who risk their lives or flee their homes, "standards of life" (the UN Charter's
  words for a standard of living, people-centric and economic) and "physically challenged". They
  raised people_centric F1 on the tuning sets dev.csv (0.865 → 0.875), dev3.csv (0.836 → 0.838),
  dev4.csv (0.793 → 0.797) and dev12.csv (0.680 → 0.755), and were kept although two figures fall:
  dev2.csv's people_centric (0.793 → 0.787: peacekeepers who "risk their lives" and a government
  that "opted for oppression and violence", not coded people-centric) and dev.csv's economic (0.909
  → 0.901: the Charter's preamble quoted, whose "better standards of life" dev.csv's coders did not
  code economic and dev12.csv's did). Held out, worked out once they were fixed: people_centric
  0.500 → 0.541 on dev11.csv, 0.817 → 0.830 on dev10.csv and 0.784 → 0.787 on dev8.csv; dev5.csv
  and dev6.csv do not move (dev.csv's even half was looked at with the rest of dev.csv this time).
  From dev12.csv's state-centric errors, \`security-frames\` 1.11.0 also counts a state's internal
  or domestic affairs and interference in them (\`internal affairs\`, not a ministry's name;
  \`domestic affairs\`, \`non-interference\`, \`non-intervention\`, \`foreign\`, \`outside\` and
  \`external interference\`: codebook §1 sovereignty, as the UN Charter's Art. 2(7) shields it) and
  \`foreign forces\`: state_centric F1 0.757 → 0.789 on dev12.csv and 0.811 → 0.816 on dev3.csv, no
  tuning figure falls; held out, 0.692 → 0.717 on dev6.csv and 0.654 → 0.679 on dev10.csv, the
  others do not move.
  \`undp-human-security\` 1.10.0 also leaves out of \`personal\` the exploitation of resources, the
  sea-bed or minerals (codebook §2: exploitation of people, as trafficking and abuse are) and
  "fighting for" peace, justice, rights or development (a figurative fight, as against poverty
  already was): personal F1 0.564 → 0.595 on dev12.csv and 0.819 → 0.825 on dev3.csv, no tuning
  figure falls; held out, 0.817 → 0.829 on dev5.csv, the others do not move.
  \`security-frames\` 1.12.0, chosen from the errors of dev14.csv (running text, below) once
  dev13.csv had measured 1.11.0, adds \`innocent\` people, civilians, lives and victims as
  people-centric (codebook §1: victims of violence; not a ship's "innocent passage") and
  \`occupied territory\` and \`territory occupied\` as state-centric (seed 003: territorial security):
  state_centric F1 0.804 → 0.809 on dev4.csv and 0.833 → 0.860 on dev14.csv, people_centric 0.717
  → 0.729 on dev7.csv and 0.619 → 0.651 on dev14.csv, no tuning figure falls. Held out:
  state_centric 0.791 → 0.798 on dev5.csv, 0.857 → 0.866 on dev8.csv and 0.870 → 0.881 on
  dev11.csv, people_centric 0.541 → 0.579 on dev11.csv; dev6.csv, dev10.csv and dev13.csv do not
  move. \`undp-human-security\` 1.11.0 then counts \`community\` only with a word of membership of a
  group within four words (host, local, ethnic, religious, cultural, minority, indigenous, migrant,
  refugee, diaspora, members, cohesion, identity, tensions, two or different communities, their
  communities; codebook §2: security through membership of a group), not a community of nations,
  the European Community or a place; chosen from the entry's record over the tuning sets, where
  its counted sentences were coded community in 9 of 24 (\`hsframe evaluate --entries FILE\`).
  Community F1 rises on dev2.csv (0.847 → 0.877), dev3.csv (0.880 → 0.936), dev4.csv (0.737 →
  0.778), dev7.csv (0.625 → 0.667) and dev12.csv (0.727 → 0.800) and falls on dev.csv (0.833 →
  0.817: "American citizens in communities across the country", coded community, in its even
  half); held out, 0.286 → 0.400 on dev8.csv, 0.556 → 0.625 on dev11.csv and 0.667 → 0.727 on
  dev13.csv, the others do not move. A longer list (rural, urban, village, affected, all,
  conflict, from how the UN corpus uses the word) moved no tuning figure and lowered dev13.csv by
  a sentence; it was not kept. On the UN corpus the entry counts 2,278 matches where it counted
  7,046. \`security-frames\` 1.13.0, chosen from the state-centric errors of dev16.csv and dev17.csv
  (running text, drawn once dev15.csv had measured the versions before), adds the means and
  threats the codebook names for the state's security: \`weaponry\`, \`arms build-up\`, \`military
  build-up\`, \`security assurances\` (to states, against nuclear attack), military or foreign
  \`bases\`, troops or weapons \`stationed\`, a state's \`national territory\` (not "throughout" it, a
  place where something is done), \`subversion\`, \`subversive\` and \`expansionis*\`. State_centric F1
  0.844 → 0.905 on dev16.csv, 0.659 → 0.721 on dev17.csv and 0.816 → 0.821 on dev3.csv, no tuning
  figure falls; held out, 0.679 → 0.704 on dev10.csv and 0.676 → 0.696 on dev15.csv, the others do
  not move. \`national territory\` first counted everywhere; leaving out "throughout", "across" or
  "the whole national territory", after a look at its uses in the UN corpus (vaccination campaigns
  and roads built throughout it), moved no tuning figure and took back a held-out dev13.csv sentence
  the wider entry had found (0.769 → 0.756); it was kept, for what the corpus shows.
  \`undp-human-security\` 1.12.0, from the personal and political errors of dev16.csv and dev17.csv:
  \`chemical weapon\` counts as personal only where their use, an attack or its victims are named
  within six words (not the weapons as an item of disarmament: 0 of the 4 tuning sentences where
  it counted were coded personal); \`abuse\` not next to "their power" or ecosystems; political
  \`to justice\` where perpetrators are brought to it, and \`undemocratic\`. Personal F1 0.683 →
  0.700 on dev9.csv, 0.769 → 0.781 on dev14.csv and 0.519 → 0.609 on dev17.csv, political 0.846 →
  0.889 on dev14.csv, 0.789 → 0.821 on dev16.csv and 0.684 → 0.750 on dev17.csv, no tuning figure
  falls; held out, personal 0.829 → 0.841 and political 0.711 → 0.725 on dev5.csv, personal 0.870
  → 0.889 on dev11.csv, the others do not move. \`undp-human-security\` 1.13.0 leaves out
  figures of speech and names that the running-text tuning sets (dev12.csv, dev14.csv, dev16.csv,
  dev17.csv) showed counted: the Indian Ocean and the ocean floor (a region's name, a question of
  jurisdiction), a "geopolitical" or "international climate", "epidemic proportions" and "cropped
  up". Environmental F1 0.818 → 0.857 on dev12.csv, 0.615 → 0.667 on dev14.csv and 0.706 → 0.750
  on dev16.csv, food 0.667 → 0.800 on dev16.csv, health 0.833 → 0.909 on dev17.csv, no tuning
  figure falls; held out, environmental 0.867 → 0.878 and food 0.868 → 0.880 on dev6.csv,
  environmental 0.778 → 0.824 on dev13.csv, the others do not move. On the UN corpus \`ocean\`
  counts 2,287 matches fewer. \`security-frames\` 1.14.0, likewise, no longer counts as people's
  \`protection\` that of spawning grounds, fish stocks, habitats or forests, the \`needs\` of a
  continent or region, or the \`welfare\` of an organization: people_centric F1 0.632 → 0.643 on
  dev16.csv and 0.732 → 0.743 on dev17.csv, no other set moves. \`undp-human-security\` 1.14.0
  adds Democratic Kampuchea to the states' names in which \`democratic\` is not democratic rule
  (with the Democratic Republic of the Congo, Korea and Lao): political F1 0.769 → 0.784 on
  dev7.csv and 0.821 → 0.842 on dev16.csv, no other set moves. \`security-frames\` 1.15.0, chosen
  from the tuning sets' errors once dev18.csv and dev19.csv (below) had been drawn, and fixed before
  either was scored, counts \`nuclear\` as state-centric (seed 003: the spread of weapons of mass
  destruction; nuclear arms, tests, powers and war; the codebook's military means): the tuning sets
  hold 40 sentences with the word coded state-centric and 2 coded otherwise. It leaves out nuclear
  energy, its plants, fuel, waste, safety and accidents, and a nuclear family, and does not count the
  word again before a word that is an entry of its own (disarmament, proliferation, missiles, an arms
  race), so "nuclear disarmament" is one match, as it was. It also counts a \`child\` as
  people-centric where children dying, their diseases, health, hunger or suffering are named within
  five words (codebook §1: needs, well-being, vulnerability), as it did where they are harmed by war
  or abuse. State_centric F1 0.821 → 0.825 on dev3.csv, 0.879 → 0.887 on dev7.csv, 0.860 → 0.874 on
  dev14.csv and 0.905 → 0.917 on dev16.csv, people_centric 0.651 → 0.682 on dev14.csv, no tuning
  figure falls. Held out: state_centric 0.866 → 0.874 on dev8.csv, 0.881 → 0.891 on dev11.csv, 0.756
  → 0.783 on dev13.csv, 0.742 → 0.772 on neg1.csv and 0.814 → 0.841 on dev18.csv, people_centric
  0.787 → 0.797 on dev8.csv; state_centric falls from 0.717 to 0.704 on dev6.csv ("has already joined
  the nuclear Powers", coded neither) and from 0.704 to 0.691 on dev10.csv ("non-military nuclear
  explosive tests"). On the UN corpus \`nuclear\` counts 10,776 matches and \`child\` 920 more.
  \`security-frames\` 1.16.0 and \`undp-human-security\` 1.15.0, chosen from the errors of dev19.csv
  and the other tuning sets once dev18.csv had measured 1.15.0, add the verb of an entry already
  there, \`invade\` (a country invaded: state-centric, seed 003's territorial security from
  external aggression, and personal, as \`invasion\` is), and means the codebook names for the
  state's security: \`mass destruction\` (its means or instruments, as weapons of mass destruction),
  \`secession\`, \`secessionist\` and \`secessionism\` (territorial integrity), an \`air force\`, and
  a \`peacekeeping force\` or its troops (troops deployed; not peacekeeping as a task or mission,
  which the tuning sets' coders coded state-centric in 1 of 7 sentences); an invasion of locusts is
  no longer an invasion. State_centric F1 0.825 → 0.830 on dev3.csv, 0.874 → 0.886 on dev14.csv,
  0.721 → 0.736 on dev17.csv and 0.790 → 0.846 on dev19.csv, personal 0.731 → 0.769 on dev19.csv,
  no tuning figure falls. Held out, state_centric 0.783 → 0.796 on dev13.csv ("bombed and invaded
  the territory of Lebanon") and 0.772 → 0.765 on neg1.csv ("attacks against peace-keeping forces",
  coded neither); no other figure moves. \`humanity\`, \`humankind\` and \`mankind\` where a threat
  to them, their destruction or existence is named (seed 003: "survival and human dignity") gained
  4 tuning sentences and lost none (people_centric 0.474 → 0.550 on dev19.csv), but held out it
  gained two sentences (dev10.csv, dev13.csv) and lost two (dev11.csv, dev18.csv: "threatens the
  very existence of mankind", "the dangers threatening all mankind", coded not people-centric); it
  was not kept, a choice those four held-out sentences informed. On the UN corpus \`invade\` counts
  706 state-centric and 715 personal matches, the peacekeeping forces and troops 821, \`mass
  destruction\` 371, \`air force\` 249 and the secession entries 280. \`security-frames\` 1.17.0 and
  \`undp-human-security\` 1.16.0 narrow the entries whose counted sentences across the tuning sets
  (\`hsframe evaluate --entries FILE\`, summed) were coded otherwise more often than not: a state's
  \`national interest\` counts only where its protection, defence, security or a threat to it is
  named (coded state-centric in 4 of its 11 sentences); \`employment\` not as the use of
  instruments, means, mercenaries or staff (10 of 21); \`accountability\` only for violations,
  crimes or abuses, or beside justice and rights (1 of 5); \`equal rights\` not beside peoples,
  nations, states or sovereignty (0 of 3); "orderly and regular" not in the name of the Global
  Compact (0 of 3); and they drop \`fisheries\` as food (0 of 3: fishing zones and agencies) and
  \`political instability\` as political (0 of 3). State_centric F1 rises on dev.csv (0.892 →
  0.895), dev2.csv (0.825 → 0.830), dev4.csv (0.809 → 0.813), dev12.csv (0.789 → 0.800) and
  dev16.csv (0.917 → 0.926) and falls on dev3.csv (0.830 → 0.829) and dev19.csv (0.846 → 0.843:
  "resort to the use of force in its own national interest"); economic rises on dev3.csv (0.754 →
  0.780), dev7.csv (0.696 → 0.727) and dev14.csv (0.800 → 0.889), political on six sets (dev17.csv
  0.750 → 0.789), food on dev4.csv and dev21.csv, people_centric on four (dev14.csv 0.682 → 0.698).
  Held out, macro F1 0.821 → 0.822 on dev5.csv and 0.692 → 0.711 on dev20.csv (food, one
  false positive fewer: "the state of the world's fisheries"), and people_centric falls from 0.797
  to 0.787 on dev8.csv ("preparing to approve the global compact for safe, orderly and regular
  migration", which its coders coded people-centric and dev.csv's coders, in two sentences on the
  compact, did not); the others do not move. dev20.csv had been scored once, with 1.16.0 and 1.15.0,
  and its figures seen, not its errors, before these were chosen. On the UN corpus they count 962
  matches fewer for \`national interest\`, 651 for \`accountability\`, 484 for \`fisheries\`, 257 for
  \`equal rights\` and 235 for \`political instability\`. A rule asking \`discriminat*\` and
  \`non-discrimination\` for a person, group or ground of discrimination within six words (their
  counted sentences alone were coded people-centric in 5 of 16, mostly discrimination between
  states) raised people_centric on dev9.csv (0.796 → 0.860) but lowered it on dev2.csv and dev3.csv
  and, held out, on dev18.csv (0.702 → 0.679) and dev10.csv (0.830 → 0.829): not kept.
  \`undp-human-security\` 1.17.0, chosen from the political errors of dev23.csv (below) and the
  other tuning sets, counts \`apartheid\` as political as well as community, with an entry key new
  in hsframe 0.6.0, \`also\`, that names the other categories of its lexicon an entry counts in,
  each with its source (codebook §2 political: "political repression"; the codebook gives a
  sentence every category it names). Political F1 rises on dev2.csv (0.908 → 0.924), dev12.csv
  (0.692 → 0.741), dev17.csv (0.789 → 0.800), dev19.csv (0.636 → 0.667), dev21.csv (0.651 →
  0.739) and dev23.csv (0.489 → 0.553) and falls on dev9.csv (0.818 → 0.776) and dev16.csv (0.842
  → 0.821: "apartheid come to an end", an anti-apartheid year, coded not political). Held out it
  rises on dev13.csv (0.667 → 0.732), dev15.csv (0.769 → 0.829), dev18.csv (0.750 → 0.780) and
  dev22.csv (0.769 → 0.800) and falls on dev10.csv (0.727 → 0.720), dev11.csv (0.545 → 0.522) and
  neg1.csv (0.829 → 0.810). On the UN corpus political counts 7,085 matches more.
  \`undp-human-security\` 1.18.0 narrows three entries from their records over the tuning sets,
  as 1.16.0 did: personal \`small arms\` only where killing, victims, violence, war or crime is
  named within eight words (0 of the 4 tuning sentences where it alone counted were coded
  personal: small arms as an item of disarmament or a conference's subject); political \`good
  governance\` only beside democracy, rights, the rule of law, elections, transparency or corruption
  (0 of 3); economic \`labour\` and \`labor\` not as a verb after a modal ("must labour under two
  constraints") nor in labour-intensive goods. Personal F1 rises on dev3.csv (0.825 → 0.832),
  dev7.csv (0.743 → 0.765), dev14.csv (0.781 → 0.794) and dev16.csv (0.829 → 0.850), political on
  dev.csv (0.835 → 0.841), dev17.csv (0.800 → 0.821) and dev23.csv (0.553 → 0.565), economic on
  dev21.csv (0.600 → 0.667) and dev23.csv (0.600 → 0.632); on dev25.csv, drawn while it was
  chosen, political falls from 0.727 to 0.698 (good governance named with conflict prevention,
  coded political by two of its three coders). Held out, economic rises on neg1.csv (0.632 →
  0.667); no other figure moves, dev24.csv's included. On the UN corpus \`small arms\` counts 822
  matches fewer, \`good governance\` 508 and \`labour\` and \`labor\` 44.
  \`security-frames\` 1.18.0, chosen from the state-centric and people-centric misses of the
  running-text tuning sets, adds six entries. State-centric: a state's forces withdrawn,
  \`withdraw\` and \`withdrawal\`, where troops, forces, the army, the military or occupied
  territory are named within six words (seed 003: territorial security from external aggression;
  21 tuning sentences where they counted, summed over the two, all coded state-centric); \`forces\`
  where they are stationed, occupying, deployed, attacking, reduced or withdrawn, within four words
  (codebook §1: military means; 9 of 9); an \`attack\` where armed, air or military means, nations,
  countries, territory or sovereignty are named within four words (the UN Charter's armed attack;
  5 of 5). People-centric: the \`human person\` (its dignity and rights; 4 of 4) and the \`lives
  of\` people, millions, citizens, children or civilians (8 of 9). State_centric F1 rises on
  dev12.csv (0.800 → 0.816), dev16.csv (0.926 → 0.938), dev17.csv (0.736 → 0.750), dev21.csv
  (0.763 → 0.788), dev23.csv (0.758 → 0.796) and dev25.csv (0.831 → 0.846), people_centric on
  dev12.csv (0.755 → 0.778), dev14.csv (0.698 → 0.727), dev19.csv (0.474 → 0.513) and dev21.csv
  (0.711 → 0.739); people_centric falls on dev.csv (0.880 → 0.878: lives claimed by an attack on an
  embassy, coded not people-centric). Held out, state_centric rises on dev13.csv (0.796 → 0.809)
  and no other figure moves. On the UN corpus they count 9,045 state-centric matches more
  (\`withdrawal\` 3,803, \`forces\` 2,568, \`withdraw\` 1,463, \`attack\` 1,211) and 1,731
  people-centric (\`lives of\` 1,048, \`human person\` 683).
  \`security-frames\` 1.19.0 counts a phrase of those six entries once: most of their matches stood
  beside another entry of their category that had already counted the phrase ("withdrawal of
  foreign troops", "the dignity of the human person"), so, as \`nuclear\` is not counted before
  \`disarmament\`, they are not counted beside such an entry (\`not_near\`), and \`forces\` counts
  only beside an army, occupying forces, their presence or their reduction. Every figure below is as
  with 1.18.0; on the UN corpus they count 5,542 state-centric and 608 people-centric matches fewer.
  \`security-frames\` 1.20.0 and \`undp-human-security\` 1.19.0 make one match of each phrase
  that two entries of one category counted twice most often on the UN corpus (\`node
  scripts/adjacent-matches.mjs RUN_OUT\`): "racial discrimination", "non-proliferation of nuclear
  weapons", "Universal Declaration of Human Rights", HIV/AIDS, "threat to international peace and
  security", "military bases" and six more, as phrase entries that take their words or a
  \`not_near\` on the entry the other already counts. A sentence's labels do not change, so every
  figure below is as with the versions before.
  \`security-frames\` 1.21.0, chosen from the state-centric misses of the tuning sets, dev27.csv's
  among them, counts a state's \`use of force\` (and to \`use force\`) and the principle of the
  \`non-use of force\` (UN Charter Art. 2(4); 6 tuning sentences, all coded state-centric), and an
  \`intervention\` that is foreign, armed, external, from outside or imperialist (the counterpart of
  \`non-intervention\`; not a speaker's intervention in a debate). State_centric F1 rises on
  dev19.csv (0.843 → 0.852) and dev27.csv (0.711 → 0.744) and falls on no tuning set. Held out it
  rises on dev5.csv (0.798 → 0.804), dev13.csv (0.809 → 0.821), dev18.csv (0.841 → 0.879),
  dev20.csv (0.792 → 0.816), dev22.csv (0.817 → 0.828) and dev24.csv (0.835 → 0.850), and falls on
  none. These held-out figures were worked out with a first form of the \`intervention\` rule that
  military, troops, aggression and interference also licensed; the version released does not count
  it beside those entries, which count the phrase once, and gives every gold set the same figures.
  On the UN corpus the four entries count 3,789 state-centric matches.
  \`undp-human-security\` 1.20.0 counts \`demining\`, and \`mines\` where an explosion, victims,
  killing or maiming, or their laying or clearance is named within five words, as personal (war,
  armed conflict; not mines as places of mining), and \`security-frames\` 1.22.0 counts Powers'
  \`spheres of influence\` as state-centric (sovereignty). Personal F1 rises on dev23.csv (0.872 →
  0.900) and dev25.csv (0.826 → 0.851), state_centric on dev23.csv (0.796 → 0.808) and dev27.csv
  (0.744 → 0.759); no tuning figure falls. Held out, personal rises on dev8.csv (0.840 → 0.863);
  the singular "sphere of influence" also counted at first, and lowered state_centric on dev5.csv
  (0.804 → 0.800: "the extension of its sphere of influence", said of détente, coded neither); it
  was left out, a choice that held-out sentence informed. No other held-out figure moves. On the UN
  corpus they count 439 state-centric and 225 personal matches.
  \`undp-human-security\` 1.21.0, chosen from the personal false positives of the tuning sets,
  counts the Second or First World War only where the sentence speaks of its harm within eight
  words (horrors, destruction, victims, deaths, ruins; not beside a personal entry that counts the
  phrase), not where it names a time or an origin ("since the end of the Second World War": codebook
  §2, a category is coded where the sentence refers to that dimension of people's security); no
  longer counts an atomic, hydrogen, neutron or nuclear \`bomb\` (a kind of weapon, not an attack on
  anyone) or human rights \`abuse\` (a breach of rights, political) and the abuse of the veto.
  Personal F1 rises on dev3.csv (0.832 → 0.852), dev9.csv (0.700 → 0.737), dev14.csv (0.794 →
  0.806), dev19.csv (0.769 → 0.784) and dev23.csv (0.900 → 0.947), and falls on no tuning set: 9
  of the 95 false positives go, and no true positive. Held out it rises on dev5.csv (0.841 →
  0.853), dev11.csv (0.889 → 0.909), dev24.csv (0.743 → 0.765) and dev28.csv (0.824 → 0.840) and
  falls on dev8.csv (0.863 → 0.840: a refugee "forcibly displaced during the Second World War",
  coded personal). Two more changes were tried with it and left out after that held-out check, as
  they did not carry over: \`trafficking\` not beside drugs (held out it lost two sentences coded
  personal and gained one) and atomic, hydrogen and neutron bombs as state-centric (held out, two
  false positives and no true one, one of them "atomic bombing", which the entry's inflection
  matched). On the UN corpus personal matches fall from 131,450 to 128,136.
  \`undp-human-security\` 1.22.0, chosen from the errors of dev29.csv (drawn once 1.21.0 was fixed)
  and checked on the fifteen tuning sets before it, counts \`bullet\`s, \`gunfire\` and to \`open
  fire\` as personal (attacks, killings), and no longer counts \`inalienable rights\` in the name
  of the Committee on the Exercise of the Inalienable Rights of the Palestinian People (a body's
  name), nor \`cohesion\` and \`diversity\` where they are those of countries, alliances,
  movements, the world's regions, views or interests (categories are about people, not states).
  Personal F1 rises on dev2.csv (0.918 → 0.925) and dev29.csv (0.629 → 0.703), community on
  dev29.csv (0.625 → 0.714), political on dev29.csv (0.667 → 0.681); no tuning figure falls. Held
  out, community rises on dev13.csv (0.727 → 0.762) and personal falls on dev22.csv (0.702 →
  0.690: "food instead of bullets", coded state-centric, not personal). On the UN corpus personal
  matches rise to 128,345, community fall to 53,843 and political to 92,546.
  \`security-frames\` 1.23.0 no longer counts \`proliferation\` within three words of
  organizations, agencies, committees, meetings, resolutions, initiatives or drug addiction ("the
  proliferation of committees": seeds/003 names the spread of weapons). Three state-centric false
  positives of the tuning sets go (dev2.csv, dev17.csv, dev29.csv) and no true positive; no
  held-out figure moves. On the UN corpus state-centric matches fall by 50.
  ${seenInTuning.size} of dev.csv's sentences are also in
  dev3.csv or dev4.csv, so they were seen when errors were studied: dev.csv without them is below.

## Targets (whole dev.csv)

| label | target | F1 | κ | |
|---|---|---|---|---|
${targets.join('\n')}
${narrow.length ? `\nMet narrowly (one or two sentences coded otherwise would change the verdict): ${narrow.join('; ')}.\n` : ''}
## Development half (odd ids, ${halves.odd.rows} sentences)

${table(halves.odd)}

## Held-out half (even ids, ${halves.even.rows} sentences)

${table(halves.even)}

## Whole set (${halves.all.rows} sentences)

${table(halves.all, coderKappa, bootstrapIntervals(halves.all.outcomes))}

## dev.csv without the sentences the tuning sets share (${unseen.rows} sentences)

dev3.csv and dev4.csv were drawn to leave out the sentences of the sets before them, but a
sentence drawn with a heading or a list number in one set and without it in another, or cut
at another boundary, was not recognised: ${seenInTuning.size} sentences of dev.csv, ${[...seenInTuning].filter((id) => id.startsWith('d')).length} of them from the policy texts
(ids d…), are also in dev3.csv or dev4.csv (the same sentence, or one inside the other; \`scripts/gold-overlap.mjs\`).
dev3.csv shares ${sharedCount(third, gold)} of its sentences with dev.csv, dev4.csv ${sharedCount(fourth, gold)} with dev.csv and
${sharedCount(fourth, third)} with dev3.csv; dev2.csv shares none. Lexicon errors have been studied on dev3.csv and
dev4.csv since 1.1.0, so these dev.csv sentences were seen in tuning. The figures of dev.csv
without them:

${table(unseen)}

## Second development set: test/gold/dev2.csv

${second.rows.length} sentences from UN General Debate speeches of 1990–2004 (years the first set does
not use), coded by one coder following the codebook without access to the lexicons (see
\`test/gold/DEV2.md\`; no agreement figures, so it checks generalisation rather than sets the bar).
Tuning looked only at its odd half too.

### Odd half (${secondHalves.odd.rows} sentences)

${table(secondHalves.odd, {})}

### Even half, held out (${secondHalves.even.rows} sentences)

${table(secondHalves.even, {})}

### Whole (${secondHalves.all.rows} sentences)

${table(secondHalves.all, {})}

## Third development set: test/gold/dev3.csv

${third.rows.length} sentences, half from the bundled policy texts and half from UN General Debate speeches of
1970–1989, drawn to weight the hardest labels (people-centric, community, political), leaving
out the sentences of the sets before it (but see the shared sentences above); coded by one coder following the codebook without access to the
lexicons (see \`test/gold/DEV3.md\`). The set on which lexicon errors are studied since 1.1.0:
its figures show fit, the two sets above generalisation.

${table(thirdAll, {})}

## Fourth development set: test/gold/dev4.csv

${fourth.rows.length} sentences weighted toward the two frames (people-centric, state-centric and sentences
where both may meet), half from the bundled policy texts and half from UN General Debate
speeches of 2024, leaving out the sentences of the sets before it (but see the shared sentences
above); coded by one coder following the codebook
without access to the lexicons (see \`test/gold/DEV4.md\`). Used, like the third set, for
error analysis.

${table(fourthAll, {})}

## Fifth set, held out: test/gold/dev5.csv

${fifth.rows.length} sentences coded by three independent coders (majority label; their agreement is the
"coders' κ" column), half from the bundled policy texts and half from UN General Debate
speeches of 1946–2023, weighted toward the two frames like the fourth set, sharing no sentence
with the sets above and no speech with them (see \`test/gold/DEV5.md\`). **Never used for tuning:**
it was coded after \`security-frames\` 1.5.1 and \`undp-human-security\` 1.4.0 were fixed, its
errors are not studied and its figures select no change (one of its sentences was read while the
uses of 1.9.0's \`anti-terror*\` were looked up: see above). It is the fairest estimate here of how
the lexicons code sentences they were not tuned on. No sentence is coded food; health,
environmental and community rest on 5–10 sentences.

${table(fifthAll, codersKappa('test/gold/dev5-coders/agreement.csv'), bootstrapIntervals(fifthAll.outcomes))}

On these sentences the two frames agree with the coders' majority at F1 ${fmt(fifthAll.metrics[0].f1)} and
${fmt(fifthAll.metrics[1].f1)} (κ ${fmt(fifthAll.metrics[0].cohenKappa)} and ${fmt(fifthAll.metrics[1].cohenKappa)}), against ${fmt(halves.all.metrics[0].f1)} and ${fmt(halves.all.metrics[1].f1)} on the whole of dev.csv and ${fmt(halves.even.metrics[0].f1)} and
${fmt(halves.even.metrics[1].f1)} on its held-out even half, and close to the single-coder third and fourth sets,
which were drawn the same way. On sentences chosen because they carry frame language, where
whose security is at stake must be decided, about four in five of the frame matches are right
(precision ${fmt(fifthAll.metrics[0].precision)}, ${fmt(fifthAll.metrics[1].precision)}), and about three in four of the coders' frame sentences are
found (recall ${fmt(fifthAll.metrics[0].recall)}, ${fmt(fifthAll.metrics[1].recall)}). Cite these figures, not dev.csv's, for sentence-level accuracy on
frame-bearing text.

## Sixth set, held out: test/gold/dev6.csv

${sixth.rows.length} sentences from UN General Debate speeches of 1947–2023, one a speech, coded by three
coders (majority label; their agreement is the "coders' κ" column), drawn to hold the UNDP
categories EU texts rarely address, food, health and environment, and economic security (35
sentences drawn for each by the codebook's words for it, 60 uniform), sharing no sentence and no
speech with the sets above (see \`test/gold/DEV6.md\`). **Never used for tuning:** drawn and
coded after both lexicons' 1.6.0 were fixed. The strata's words are the codebook's, and many are
lexicon terms, so the four categories' recall is easier here than in running text; their
precision is the telling figure. The frames are sparse and not what the draw chose.

${table(sixthAll, sixthCoders, bootstrapIntervals(sixthAll.outcomes))}

On sentences that talk about food, health, the environment and livelihoods, the four
categories' matches are right ${fmt(sixthAll.metrics[3].precision)}, ${fmt(sixthAll.metrics[4].precision)}, ${fmt(sixthAll.metrics[5].precision)} and ${fmt(sixthAll.metrics[2].precision)} of the time (food, health,
environmental, economic) and find ${fmt(sixthAll.metrics[3].recall)}, ${fmt(sixthAll.metrics[4].recall)}, ${fmt(sixthAll.metrics[5].recall)} and ${fmt(sixthAll.metrics[2].recall)} of the coders' sentences. The
frames do worse here than on dev5.csv (F1 ${fmt(sixthAll.metrics[0].f1)} and ${fmt(sixthAll.metrics[1].f1)}): in these sentences, not drawn for
them, they are sparse, and the coders agree less on them too (people_centric κ ${fmt(sixthCoders.people_centric)}, where a
list of needs names no rights, dignity or people in need; see \`DEV6.md\`).

The single-coder sets score lower than dev.csv, most of all on the two frames: they were drawn
to hold the hardest sentences (frame-bearing sentences where whose security is at stake must
be decided, and few easy category sentences), and one coder's reading of the hard cases can
differ from the three coders' majority. They show where the lexicons are weakest, not a
second estimate of the same agreement.

## Seventh set, for tuning: test/gold/dev7.csv

${seventh.rows.length} sentences coded by three coders (majority label; their agreement is the "coders' κ"
column), drawn like dev5.csv (half from the bundled policy texts, half from UN General Debate
speeches of 1946–2023, weighted toward the two frames), sharing no sentence with the sets above
and no speech with them (see \`test/gold/DEV7.md\`). The odd-numbered draws of one draw of 400:
the set whose errors \`security-frames\` 1.8.0 and \`undp-human-security\` 1.7.0 were chosen from,
so its figures show fit, not generalisation (with the lexicons before those changes: F1 0.830
state_centric, 0.647 people_centric, 0.741 political).

${table(seventhAll, codersKappa('test/gold/dev7-coders/agreement.csv'))}

## Eighth set, held out: test/gold/dev8.csv

${eighth.rows.length} sentences: the even-numbered draws of the same draw as dev7.csv, coded by three other
coders (see \`test/gold/DEV8.md\`). **Never used for tuning:** no error of it was looked at, and
its figures were worked out only once 1.8.0 and 1.7.0 were fixed. It is the twin of dev7.csv,
drawn from the same sources in the same way, so the gap between the two shows how far this
round's changes fit the sentences they were chosen from.

${table(eighthAll, codersKappa('test/gold/dev8-coders/agreement.csv'), bootstrapIntervals(eighthAll.outcomes))}

With the lexicons before this round's changes (\`security-frames\` 1.7.1 and
\`undp-human-security\` 1.6.2, commit c70668f; \`git show c70668f:lexicons/security-frames.yaml >
/tmp/sf.yaml\`, the same for the other, then \`npx hsframe evaluate --gold test/gold/dev8.csv
--lexicon /tmp/sf.yaml --lexicon /tmp/uhs.yaml\`), dev8.csv gave F1 0.857 state_centric, 0.784
people_centric, 0.571 economic, 0.737 political and the same on the other labels (macro F1 0.764).
The changes left the frames' counts as they were on these sentences, found one more economic
sentence, removed one political false positive, and added two economic false positives
(\`material reception conditions\`, which the coders of dev7.csv took as economic and those of
dev8.csv mostly did not). On dev5.csv they raised the frames' F1 from 0.778 to 0.785 and from 0.777 to 0.787
and political from 0.703 to 0.711, and lowered economic from 0.706 to 0.667 (\`material reception
conditions\` again, two false positives); on dev6.csv they raised economic from 0.874 to 0.885. The
gain on dev7.csv (people_centric F1 0.647 → 0.717) is mostly fit: on the held-out sets
this round moved the frames by at most 0.01.

## Negation contrast set: test/gold/neg1.csv

${negation.rows.length} sentences of UN General Debate speeches, coded by three coders (majority label; see
\`test/gold/NEG1.md\`), sharing no speech with the sets above: ${[...negationStrata.values()].filter((stratum) => stratum === 'changed').length} drawn where hsframe 0.5.3's
and 0.5.4's negation rules disagree on some match (README, Tokenisers: withdrawn cues, such as
"without any discrimination" and "no peace without human rights"), ${[...negationStrata.values()].filter((stratum) => stratum === 'control').length} where both negate a match.
Drawn after 0.5.4's rules were fixed, to test them; no lexicon change was chosen from it. Being
drawn where the rules differ, it measures which rules agree better with the coders there, not
how the lexicons code running text.

${table(negationAll, codersKappa('test/gold/neg1-coders/agreement.csv'))}

On the ${negationChanged.rows} sentences where the rules disagree, macro F1 is ${fmt(negationChanged.macro.f1)} (0.616 with 0.5.3's rules),
people_centric ${fmt(negationChanged.metrics[1].f1)} (0.610), community ${fmt(negationChanged.metrics[7].f1)} (0.533), political ${fmt(negationChanged.metrics[8].f1)} (0.746); on the whole
set macro F1 0.591 with hsframe 0.5.3 and its lexicons (a build of commit c79227b: \`npx hsframe
evaluate --gold test/gold/neg1.csv\` there). The withdrawn cues find what the coders coded
(community recall 0.435 → ${fmt(negationAll.metrics[7].recall)}); what they add wrongly is mostly discrimination between
states, in trade, among UN members or in canal traffic ("equality and mutual advantage, without
any discrimination"), and threats that "do not discriminate" between countries or people
(COVID-19, climate), which the coders did not code as community: the entry's referent, not the
negation, is then wrong. \`discriminat*\` has no rule that tells people from states named as
such; since \`security-frames\` 1.10.0 and \`undp-human-security\` 1.9.0 it is cancelled next to
trade, prices and nuclear non-proliferation, in every form (community F1 here 0.726 with the
lexicons before). These errors were known when that rule was chosen, on dev9.csv (below), so
this set no longer tests it.

## Ninth set, for tuning: test/gold/dev9.csv

${ninth.rows.length} sentences of UN General Debate speeches coded by three coders (majority label; see
\`test/gold/DEV9.md\`), sharing no speech with the sets above: ${countStratum(ninth, 'discrimination')} with a word of discrimination
(\`discriminat*\`, including \`non-discriminatory\`) and ${countStratum(ninth, 'prefixed')} with a word that a prefix and hyphen join
to a word an entry matches (\`post-conflict\`, \`non-aggression\`, \`multi-ethnic\`: the words \`hsframe
lexicon lint --corpus\` reports as LEXICON_PREFIXED_FORMS), at most 8 sentences a word. One half
of one draw of 240 (each stratum's sentences dealt in turn to the two halves), and the set whose errors \`security-frames\` 1.10.0 and
\`undp-human-security\` 1.9.0 were chosen from, so its figures show fit (with the lexicons before:
F1 0.750 state_centric, 0.710 people_centric, 0.750 health, 0.634 personal, 0.785 community;
macro F1 0.793).

${table(ninthAll, codersKappa('test/gold/dev9-coders/agreement.csv'))}

## Tenth set, held out: test/gold/dev10.csv

${tenth.rows.length} sentences: the other half of the draw that gave dev9.csv (${countStratum(tenth, 'discrimination')} discrimination, ${countStratum(tenth, 'prefixed')} prefixed), coded by three other
coders (see \`test/gold/DEV10.md\`). **Never used for tuning:** its figures were worked out only once
\`security-frames\` 1.10.0 and \`undp-human-security\` 1.9.0 were fixed. Like dev9.csv, it is drawn where
these changes act, so it measures them there, not how the lexicons code running text.

${table(tenthAll, codersKappa('test/gold/dev10-coders/agreement.csv'), bootstrapIntervals(tenthAll.outcomes))}

With the lexicons before (\`security-frames\` 1.9.0 and \`undp-human-security\` 1.8.0, commit
6378144; \`git show 6378144:lexicons/security-frames.yaml > /tmp/sf.yaml\`, the same for the
other, then \`npx hsframe evaluate --gold test/gold/dev10.csv --lexicon /tmp/sf.yaml --lexicon
/tmp/uhs.yaml\`), dev10.csv gave F1 0.553 state_centric, 0.769 people_centric, 0.400 economic,
0.857 health, 0.840 personal, 0.767 community and the same on the other labels (macro F1 0.740):
the changes found 18 more labels and added one false positive. Elsewhere they move only
people_centric, on dev2.csv (0.797 → 0.793) and dev3.csv (0.831 → 0.836), both tuning sets, and on dev5.csv (0.787 → 0.783, held out: a sentence on
the defenders of apartheid its coders did not code people-centric), and community on neg1.csv. Over
all eleven sets, \`apartheid\` counted for people_centric in 27 sentences, 21 of them coded so;
the coders of dev9.csv and dev10.csv coded all 18 of theirs so, those of dev2.csv, dev5.csv and
neg1.csv none of their 5 (\`hsframe evaluate --entries FILE\` on each set).

## Eleventh set, held out: running text (test/gold/dev11.csv)

${eleventh.rows.length} sentences drawn alike from all the sentences of 8–80 words of the UN General Debate
speeches, at most one a speech, none of a speech that gave a sentence to the sets above, coded by
three coders (see \`test/gold/DEV11.md\`). **Never used for tuning:** drawn and coded after
\`security-frames\` 1.10.0 and \`undp-human-security\` 1.9.0 were fixed; no change was chosen
from it. \`security-frames\` 1.10.1's one change, chosen afterwards from its twin in design,
dev12.csv (below), moves people_centric here from 0.474 to 0.500, and the people-centric words of
\`security-frames\` 1.11.0, chosen from dev12.csv and the other tuning sets (above), to 0.541, and
1.12.0's \`innocent\`, chosen from dev14.csv, to 0.579. The other sets are drawn where the codebook's words are, so they measure the lexicons
where there is something to find; this one measures them on running text, as a document's scores
count it: ${unlabelledOf(eleventh)} of its sentences carry no label, and a label with few positives here has a
wide interval.

${table(eleventhAll, codersKappa('test/gold/dev11-coders/agreement.csv'), bootstrapIntervals(eleventhAll.outcomes))}

On running text state-centric and personal language are found about as well as on the drawn
sets (F1 ${fmt(eleventhAll.metrics[0].f1)} and ${fmt(eleventhAll.metrics[6].f1)}), people-centric language much less well (F1 ${fmt(eleventhAll.metrics[1].f1)}: ${eleventhAll.metrics[1].tp} of ${eleventhAll.metrics[1].support}
sentences found, ${eleventhAll.metrics[1].fp} false positives), and political and community language in about half the
sentences that hold it. The lexicons predict people-centric in ${eleventhAll.metrics[1].predicted} sentences where the coders coded
${eleventhAll.metrics[1].support}, state-centric in ${eleventhAll.metrics[0].predicted} where they coded ${eleventhAll.metrics[0].support}: on such speeches the framing index may lean
toward state-centric. The intervals are wide; read them before citing a figure.

## Twelfth set, for tuning: running text (test/gold/dev12.csv)

${twelfth.rows.length} sentences drawn as dev11.csv was, alike from all sentences (${unlabelledOf(twelfth)} carry no label), from speeches that
gave no sentence to the sets above, coded by three other coders (see \`test/gold/DEV12.md\`). The
set \`security-frames\` 1.10.1 was chosen from: its people-centric errors include "the lawful rights
of the People's Republic of China" (its seat in the United Nations), which \`rights\` counted because
"people" stands next to it, 199 times in the UN corpus; the entry now leaves that phrase out. Its
figures show fit (people_centric F1 0.654 with 1.10.0, 0.680 with 1.10.1, before the words of
\`security-frames\` 1.11.0 chosen from it: above). Counting "the lives of" people as
people-centric was tried and not kept: it found one more sentence here and two on dev4.csv, and added
a false positive on dev.csv, whose coders did not code "claimed the lives of 85 people" so.

${table(twelfthAll, codersKappa('test/gold/dev12-coders/agreement.csv'))}

## Thirteenth set, held out: running text (test/gold/dev13.csv)

${thirteenth.rows.length} sentences drawn as dev11.csv and dev12.csv were, alike from all sentences (${unlabelledOf(thirteenth)} carry no label), from
speeches that gave no sentence to the sets above, coded by three further coders (see
\`test/gold/DEV13.md\`). **Never used for tuning:** drawn and coded after \`security-frames\` 1.11.0
and \`undp-human-security\` 1.10.0 were fixed. Every entry counts in the same sentences of it as with
the lexicons before them (\`security-frames\` 1.10.1 and \`undp-human-security\` 1.9.0, commit
b7846e1; \`hsframe evaluate --entries FILE\` with the lexicons of each commit, 848491f for 1.11.0 and
1.10.0, gives the same file), so every figure was the same. On running text the
changes chosen from dev12.csv are too rare to show in 240 sentences; dev11.csv (above) and the
UN corpus (CHANGELOG.md) show what they move. Of the versions chosen afterwards,
\`security-frames\` 1.12.0 (from its twin in design, dev14.csv, below) moves none of its figures;
\`undp-human-security\` 1.11.0's narrower \`community\` (above) raises community from 0.667 to 0.727
(one false positive fewer), the figure below.

${table(thirteenthAll, codersKappa('test/gold/dev13-coders/agreement.csv'), bootstrapIntervals(thirteenthAll.outcomes))}

Its coders agree more on state-centric language than those of dev11.csv and dev12.csv (κ
${fmt(codersKappa('test/gold/dev13-coders/agreement.csv').state_centric)}, against ${fmt(codersKappa('test/gold/dev11-coders/agreement.csv').state_centric)} and ${fmt(codersKappa('test/gold/dev12-coders/agreement.csv').state_centric)}), and count inter-state security broadly:
arms control, disarmament, sovereignty, "international peace and security". The lexicons find
${thirteenthAll.metrics[0].tp} of their ${thirteenthAll.metrics[0].support} state-centric sentences (${thirteenthAll.metrics[0].fp} false positives) and ${thirteenthAll.metrics[1].tp} of ${thirteenthAll.metrics[1].support} people-centric ones (${thirteenthAll.metrics[1].fp} false
positives): they predict state-centric in ${thirteenthAll.metrics[0].predicted} sentences where the coders coded ${thirteenthAll.metrics[0].support}, people-centric in
${thirteenthAll.metrics[1].predicted} where they coded ${thirteenthAll.metrics[1].support}. On these speeches the framing index would lean toward people-centric, the
opposite of dev11.csv's: which way it leans on running text depends on the speeches and on how far
coders count inter-state security, and neither frame's F1 on running text is settled (the
intervals of the two held-out sets are wide and overlap).

## Fourteenth set, for tuning: running text (test/gold/dev14.csv)

${fourteenth.rows.length} sentences drawn as dev13.csv was, alike from all sentences (${unlabelledOf(fourteenth)} carry no label), from speeches that
gave no sentence to the sets above, coded by three other coders (see \`test/gold/DEV14.md\`). The
set \`security-frames\` 1.12.0 was chosen from (above), so its figures show fit (state_centric F1
0.833 and people_centric 0.619 with 1.11.0). Its personal false positives are mostly \`conflict\`
named without fighting ("the resolution of conflicts") and \`aggression\` against a state. On
\`conflict\` the gold sets disagree: the coders of dev.csv to dev4.csv and dev7.csv coded 61 of the
62 sentences where it counted personal, those of dev9.csv, dev12.csv and dev14.csv 9 of 25
(\`hsframe evaluate --entries FILE\` on each); the codebook names "war, armed conflict ... whoever
fights", so the entry is left as it is.

${table(fourteenthAll, codersKappa('test/gold/dev14-coders/agreement.csv'))}

## Fifteenth set, held out: running text (test/gold/dev15.csv)

${fifteenth.rows.length} sentences drawn as dev13.csv and dev14.csv were, alike from all sentences (${unlabelledOf(fifteenth)} carry no label), from
speeches that gave no sentence to the sets above, coded by three further coders (see
\`test/gold/DEV15.md\`). **Never used for tuning:** drawn and coded after \`security-frames\` 1.12.0
and \`undp-human-security\` 1.11.0 were fixed, the set of running text to cite
for them. Of all the changes chosen from dev12.csv and dev14.csv, only the narrower \`community\`
moves a figure here (community F1 0.706 → 0.750, one false positive fewer; with \`security-frames\`
1.10.1 and \`undp-human-security\` 1.9.0, commit b7846e1, every other figure was the same).
\`security-frames\` 1.13.0, chosen afterwards from dev16.csv and dev17.csv (below), raises
state_centric from 0.676 to 0.696, the figure below.

${table(fifteenthAll, codersKappa('test/gold/dev15-coders/agreement.csv'), bootstrapIntervals(fifteenthAll.outcomes))}

On this running text both frames are found in about half the sentences that hold them
(state-centric recall ${fmt(fifteenthAll.metrics[0].recall)}, people-centric ${fmt(fifteenthAll.metrics[1].recall)}), and mostly rightly where they are found
(precision ${fmt(fifteenthAll.metrics[0].precision)} and ${fmt(fifteenthAll.metrics[1].precision)}): a speech's hits are a lower bound on its framing language, and its
framing index rests on the part the lexicons find. Across the five sets of running text (dev11.csv to
dev15.csv, two of them tuning sets), state-centric F1 ranges from ${runningTextRange(0)} and people-centric from ${runningTextRange(1)}.

## Sixteenth set, for tuning: running text (test/gold/dev16.csv)

${sixteenth.rows.length} sentences drawn as dev15.csv was, alike from all sentences (${unlabelledOf(sixteenth)} carry no label), from
speeches that gave no sentence to the sets above, coded by three other coders (see
\`test/gold/DEV16.md\`). With its twin dev17.csv (below), the set \`security-frames\` 1.13.0 and
\`undp-human-security\` 1.12.0 were chosen from (above), so its figures show fit (state_centric F1
0.844 and political 0.789 with the versions before). The
people-centric language the two sets' sentences hold and the lexicons miss is spread over many
phrasings (people killed, the hungry, "the needs of our own population"), none frequent enough
to add; children dying of disease were added in \`security-frames\` 1.15.0, from their uses across
the tuning sets.

${table(sixteenthAll, codersKappa('test/gold/dev16-coders/agreement.csv'))}

## Seventeenth set, for tuning: running text (test/gold/dev17.csv)

${seventeenth.rows.length} sentences drawn as dev16.csv was (${unlabelledOf(seventeenth)} carry no label), from speeches that gave no
sentence to the sets above, dev16.csv included, coded by three other coders (see
\`test/gold/DEV17.md\`); with dev16.csv, a set \`security-frames\` 1.13.0 and \`undp-human-security\`
1.12.0 were chosen from (state_centric F1 0.659, personal 0.519 and political 0.684 with the
versions before).

${table(seventeenthAll, codersKappa('test/gold/dev17-coders/agreement.csv'))}

${heldOutOpening('Eighteenth', 'dev18', eighteenth, 'dev15')}. **Never used for tuning:** drawn once \`security-frames\` 1.14.0 and
\`undp-human-security\` 1.14.0 were fixed, and first scored once \`security-frames\` 1.15.0 had
been chosen from other sets. With \`security-frames\` 1.14.0 its state_centric F1 was 0.814 (macro 0.759); no other
figure differs.

${setTable('dev18', eighteenthAll, true)}

Here too the frames are found in part of the sentences that hold them (state-centric recall
${fmt(eighteenthAll.metrics[0].recall)}, people-centric ${fmt(eighteenthAll.metrics[1].recall)}) and rarely where they are not (precision ${fmt(eighteenthAll.metrics[0].precision)} and ${fmt(eighteenthAll.metrics[1].precision)}).

${tuningOpening('Nineteenth', 'dev19', nineteenth, 'dev18')}: running text for the tuning of the versions after \`security-frames\`
1.15.0 and \`undp-human-security\` 1.14.0. \`security-frames\` 1.16.0 and \`undp-human-security\`
1.15.0 were chosen from its errors with the other tuning sets' (above), so its figures show fit
(state_centric F1 0.759 with \`security-frames\` 1.14.0 and 0.790 with 1.15.0, personal 0.731
with \`undp-human-security\` 1.14.0).

${setTable('dev19', nineteenthAll)}

${heldOutOpening('Twentieth', 'dev20', twentieth, 'dev18')}. **Never used for tuning:** drawn once \`security-frames\` 1.16.0 and
\`undp-human-security\` 1.15.0 were fixed, and first scored once the changes tried on its twin
dev21.csv (below) had been judged; the newest set of running text. None of the changes from
\`security-frames\` 1.14.0 and \`undp-human-security\` 1.14.0 to 1.16.0 and 1.15.0 moves a figure
here: on these speeches they neither gain nor lose a sentence. \`undp-human-security\` 1.16.0,
chosen afterwards from the tuning sets, leaves out a false positive (food F1 0.500 → 0.667, macro
0.692 → 0.711).

${setTable('dev20', twentiethAll, true)}

Personal (recall ${fmt(twentiethAll.metrics[6].recall)}) and political (${fmt(twentiethAll.metrics[8].recall)}) are found in under half the sentences that
hold them here.

${tuningOpening('Twenty-first', 'dev21', twentyFirst, 'dev20')}. From its errors, \`aggressor\` (state-centric and personal, as
\`aggression\`) and \`occupied\` next to territories or lands (state-centric) were tried: they
gained four labels of three sentences on it and one label on dev3.csv, and lost one each on
dev7.csv, dev12.csv and dev16.csv ("the fascist aggressors" of the Second World War, "the occupied Palestinian territories"
where only violence is at issue); with so even a record on the other tuning sets they were not
kept. Its misses in political are mostly apartheid and peoples under colonial rule. Moving
\`apartheid\` from community to political raised political F1 on five tuning sets (dev21.csv 0.636
→ 0.723) but lowered it on dev9.csv and dev16.csv, and community on seven; it was not moved, and
\`undp-human-security\` 1.17.0 counts it in both (above).

${setTable('dev21', twentyFirstAll)}

${heldOutOpening('Twenty-second', 'dev22', twentySecond, 'dev20')}. **Never used for tuning:** drawn once \`security-frames\` 1.17.0 and
\`undp-human-security\` 1.16.0 were fixed, and first scored once \`undp-human-security\` 1.17.0
had been chosen from the tuning sets. With the lexicons of hsframe 0.5.6 (\`security-frames\`
1.14.0, \`undp-human-security\` 1.14.0) its macro F1 is 0.798 (state_centric 0.786,
people_centric 0.767, political 0.714).

${setTable('dev22', twentySecondAll, true)}

${tuningOpening('Twenty-third', 'dev23', twentyThird, 'dev22')}. \`undp-human-security\` 1.17.0 was chosen from its errors with the other
tuning sets' (above), so its figures show fit (political F1 0.489 with 1.16.0). Its political
misses that remain are colonial rule, peoples' liberation and independence, and the freedom of
South Africa: the codebook's political is rights and democratic rule within a society, and the
gold sets do not agree on decolonisation (coded political in 12 of the 29 tuning sentences with
\`colonial\`).

${setTable('dev23', twentyThirdAll)}

${heldOutOpening('Twenty-fourth', 'dev24', twentyFourth, 'dev22')}. **Never used for tuning:** drawn once \`security-frames\` 1.17.0 and
\`undp-human-security\` 1.17.0 were fixed, and first scored once \`undp-human-security\` 1.18.0
had been chosen from the tuning sets; with dev26.csv, dev28.csv and dev30.csv (below) one of the sets of running text to cite for
the current lexicons. With the lexicons of hsframe 0.5.6 its macro F1 is 0.693
(people_centric 0.720). Political is found in under two fifths of the sentences that hold it
(recall ${fmt(twentyFourthAll.metrics[8].recall)}): most of those it misses are about peoples' freedom, independence and
self-determination under colonial or racist rule, on which the gold sets do not agree (dev23.csv,
below).

${setTable('dev24', twentyFourthAll, true)}

${tuningOpening('Twenty-fifth', 'dev25', twentyFifth, 'dev24')}: running text for the tuning of the versions after \`undp-human-security\`
1.18.0, which was chosen from the older tuning sets while its coders coded it (political F1 0.727
with 1.17.0).

${setTable('dev25', twentyFifthAll)}

${heldOutOpening('Twenty-sixth', 'dev26', twentySixth, 'dev24')}. **Never used for tuning:** drawn once \`security-frames\` 1.18.0 and
\`undp-human-security\` 1.18.0 were fixed, and first scored with them; with dev24.csv, dev28.csv
and dev30.csv one of the sets of running text to cite for the current lexicons. None of the entries that
\`security-frames\` 1.18.0 adds counts in it: with \`security-frames\` 1.17.0 every figure is the
same, and so with 1.18.0 (1.19.0 differs from it only in counting a phrase once). Its coders
agree less on state_centric than those of the other sets (mean pairwise κ
${fmt(codersKappa('test/gold/dev26-coders/agreement.csv').state_centric)}): one of them coded "peace and security" between states as neither where the sentence
names no state's territory, sovereignty or defence (\`test/gold/dev26-coders/notes-B.md\`).

${setTable('dev26', twentySixthAll, true)}

${tuningOpening('Twenty-seventh', 'dev27', twentySeventh, 'dev26')}: running text for the tuning of the versions after \`security-frames\`
1.20.0 and \`undp-human-security\` 1.19.0, drawn and coded once they were fixed.

${setTable('dev27', twentySeventhAll)}

${heldOutOpening('Twenty-eighth', 'dev28', twentyEighth, 'dev26')}. **Never used for tuning:** drawn once \`security-frames\` 1.22.0 and
\`undp-human-security\` 1.20.0 were fixed, and first scored with them; with dev24.csv, dev26.csv
and dev30.csv one of the sets of running text to cite for the current lexicons. With the
lexicons of hsframe 0.6.6 its macro F1 is 0.798 (state_centric 0.750, people_centric 0.640,
personal 0.824).
Environmental is found in half the sentences that hold it (recall ${fmt(twentyEighthAll.metrics[5].recall)}): the misses name it
through a convention or a conference (on Biological Diversity; on Environment and Development),
or through land that will disappear, the future of the planet and the use of shared resources.

${setTable('dev28', twentyEighthAll, true)}

${tuningOpening('Twenty-ninth', 'dev29', twentyNinth, 'dev28')}: running text for the tuning of the versions after \`security-frames\`
1.22.0 and \`undp-human-security\` 1.21.0, drawn and coded once they were fixed. All three of its
coders coded generic "international peace and security", naming no state's territory, borders,
sovereignty or defence, as neither, where most coders of the earlier sets coded it state-centric
and the lexicon counts it: five of its nine state-centric false positives are that phrase or
"peace and security".

${setTable('dev29', twentyNinthAll)}

${heldOutOpening('Thirtieth', 'dev30', thirtieth, 'dev28')}. **Never used for tuning:** drawn once \`security-frames\` 1.22.0 and
\`undp-human-security\` 1.22.0 were fixed, and first scored with them; the newest set of running
text, and with dev24.csv, dev26.csv and dev28.csv one to cite for the current lexicons. Its coders split on disarmament and arms control: one coded them state-centric, two as
neither (naming weapons but no security referent), so the majority label is neither; seven of its
${thirtiethAll.metrics[0].fp} state-centric false positives are such sentences (\`disarmament\`, \`nuclear\`,
\`non-proliferation\`). The lexicon counts them as state-centric, following the seed paper
('the spread of weapons of mass destruction') and most coders of the earlier sets. Political is
found in ${Math.round(thirtiethAll.metrics[8].recall * 100)}% of the sentences that hold it: the misses are peoples' rights and freedom,
said without the words of rights the lexicon lists.

${setTable('dev30', thirtiethAll, true)}

Across the twenty sets of running text (dev11.csv to dev30.csv, ten of them tuning sets),
state-centric F1 ranges from ${runningTextRange(0, 30)} and people-centric from ${runningTextRange(1, 30)}.

## The coders of dev5.csv and dev6.csv, calibrated against dev.csv's

dev5.csv and dev6.csv were coded by coders of this project, not by dev.csv's. To see whether
they code as dev.csv's coders do, three more coders of the same kind coded ${calibrationView.length} of dev.csv's
sentences (a seeded draw, \`node scripts/calibrate-coders.mjs sample --gold test/gold/dev.csv
--size 200 --seed 20261208\`), from the codebook and the sentences alone, without dev.csv's labels
(\`test/gold/calibration/\`, \`CALIBRATION.md\`). Their majority label against dev.csv's, their own
agreement, and the lexicons' F1 against each coding of the same sentences:

| label | dev.csv's positives | their positives | κ, theirs against dev.csv's | their mean pairwise κ | lexicons' F1 against dev.csv's | against theirs |
|---|---|---|---|---|---|---|
${calibrated.map((row) => `| ${row.label} | ${row.reference_positives} | ${row.new_positives} | ${row.kappa_new_against_reference} | ${row.new_mean_pairwise_kappa} | ${row.lexicon_f1_against_reference} | ${row.lexicon_f1_against_new} |`).join('\n')}

They code as dev.csv's coders do (κ ${calibratedOf('state_centric').kappa_new_against_reference} on state_centric and ${calibratedOf('people_centric').kappa_new_against_reference} on people_centric, at least
${Math.min(...calibrated.map((row) => Number(row.kappa_new_against_reference))).toFixed(3)} on every label), so dev5.csv's and dev6.csv's figures measure the lexicons against the same standard
as dev.csv's. This shows that the sets are consistent, not that they match what other coders,
human or trained elsewhere, would code: every gold set here rests on one reading of the codebook.

Reproduce one table: \`npx hsframe evaluate --gold test/gold/dev.csv --subset even\`.
`;
writeFileSync(join(root, 'VALIDATION.md'), text);
console.log(text);
