import { compareText } from '../compare-text.js';

/** One document as the report shows it; rates are per 1,000 word tokens. */
export interface ReportRow {
  readonly docId: string;
  readonly title: string;
  readonly tokens: number;
  readonly statePer1k: number | null;
  readonly peoplePer1k: number | null;
  readonly framingIndex: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  /** Per UNDP category: rate per 1,000 tokens. */
  readonly undp: Readonly<Record<string, number | null>>;
  /** Per category: hits (for corpus totals). */
  readonly hits: Readonly<Record<string, number>>;
}

/** What the report says about its run. */
export interface ReportInfo {
  readonly name: string;
  readonly lexiconVersion: string;
  readonly generated: string;
  readonly categories: readonly string[];
  readonly undpCategories: readonly string[];
}

/** Colours: points, whiskers and the heat map's top colour (distinct, colour-blind safe). */
export const REPORT_COLOURS = { point: '#d95f02', whisker: '#1b9e77', heat: [117, 112, 179] as const };

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (value: number | null, decimals: number) => (value === null ? '–' : value.toFixed(decimals));

/** A report row with what tells it apart from rows of the same title: its doc_id, when their titles are the same as far as charts show them. */
type LabelledRow = ReportRow & { readonly tag?: string };

/** Characters of the shortest label a chart gives a document. */
const MIN_LABEL = 50;

/** A row's title, with its tag. */
function fullLabel(row: LabelledRow): string {
  return row.tag === undefined ? row.title : `${row.title} (${row.tag})`;
}

/** A row's label in about `max` characters: its title cut to fit, then its tag whole. */
function shortLabel(row: LabelledRow, max: number): string {
  return row.tag === undefined ? shorten(row.title, max) : `${shorten(row.title, Math.max(12, max - [...row.tag].length - 3))} (${row.tag})`;
}

/** `text` in at most `max` characters, the last an ellipsis when it is cut; never cut inside a character outside the Basic Multilingual Plane (an emoji). */
function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/**
 * A self-contained HTML report (no scripts, no external files, works offline): a scatter of
 * state- against people-centric rates, documents ranked by framing index with intervals, a
 * heat map of UNDP category rates, corpus totals, and every number in plain tables.
 */
export function reportHtml(rows: readonly ReportRow[], info: ReportInfo): string {
  const totals = info.categories.map((id) => {
    const hits = rows.reduce((sum, row) => sum + (row.hits[id] ?? 0), 0);
    const tokens = rows.reduce((sum, row) => sum + row.tokens, 0);
    // As scores.csv writes hits: whole, or to 3 decimals when weights are fractional.
    return `<tr><th scope="row">${esc(id)}</th><td>${fmt(hits, Number.isInteger(hits) ? 0 : 3)}</td><td>${fmt(tokens > 0 ? (hits * 1000) / tokens : null, 3)}</td></tr>`;
  });
  // Charts name documents by title, cut to fit; documents whose cut titles are the same are told apart by their doc_id.
  const shared = new Map<string, number>();
  for (const row of rows) shared.set(shorten(row.title, MIN_LABEL), (shared.get(shorten(row.title, MIN_LABEL)) ?? 0) + 1);
  const labelled: LabelledRow[] = rows.map((row) => ({ ...row, tag: shared.get(shorten(row.title, MIN_LABEL))! > 1 ? row.docId : undefined }));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hsframe report: ${esc(info.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
th[scope=row],td.t{text-align:left}caption{text-align:left;font-weight:600;padding:4px 0}
svg{background:#fff;border:1px solid #ddd}.note{color:#555}
</style></head><body>
<h1>hsframe report: ${esc(info.name)}</h1>
<p class="note">${rows.length} documents · lexicons ${esc(info.lexiconVersion)} · generated ${esc(info.generated)}</p>
<h2>Corpus totals</h2>
<table><thead><tr><th>category</th><th>hits</th><th>per 1,000 tokens</th></tr></thead><tbody>${totals.join('')}</tbody></table>
<h2>State- and people-centric language</h2>
${scatter(labelled)}
<h2>Documents ranked by framing index</h2>
<p class="note">−1 wholly state-centric, +1 wholly people-centric; bars: 95% interval. Documents without frame language are listed last.</p>
${ranking(labelled)}
<h2>UNDP human-security categories (per 1,000 tokens)</h2>
${heatMap(labelled, info.undpCategories)}
<h2>All scores</h2>
<table><caption>Per document</caption><thead><tr><th>doc_id</th><th>title</th><th>tokens</th><th>state per 1k</th><th>people per 1k</th><th>framing index</th><th>95% interval</th></tr></thead><tbody>
${rows.map((row) => `<tr><td class="t">${esc(row.docId)}</td><td class="t">${esc(row.title)}</td><td>${row.tokens}</td><td>${fmt(row.statePer1k, 3)}</td><td>${fmt(row.peoplePer1k, 3)}</td><td>${fmt(row.framingIndex, 4)}</td><td>${fmt(row.ciLow, 4)} to ${fmt(row.ciHigh, 4)}</td></tr>`).join('\n')}
</tbody></table>
</body></html>
`;
}

function scatter(rows: readonly LabelledRow[]): string {
  const [width, height, pad] = [640, 440, 50];
  const max = Math.max(1, ...rows.flatMap((row) => [row.statePer1k ?? 0, row.peoplePer1k ?? 0])) * 1.05;
  const x = (value: number) => pad + (value / max) * (width - 2 * pad);
  const y = (value: number) => height - pad - (value / max) * (height - 2 * pad);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => share * max);
  const axis = ticks.map((tick) => `<text x="${x(tick)}" y="${height - pad + 18}" text-anchor="middle" font-size="11">${tick.toFixed(1)}</text><text x="${pad - 8}" y="${y(tick) + 4}" text-anchor="end" font-size="11">${tick.toFixed(1)}</text>`).join('');
  const points = rows
    .filter((row) => row.statePer1k !== null && row.peoplePer1k !== null)
    .map((row) => `<circle cx="${x(row.statePer1k!).toFixed(1)}" cy="${y(row.peoplePer1k!).toFixed(1)}" r="7" fill="${REPORT_COLOURS.point}" stroke="#fff" stroke-width="1"><title>${esc(fullLabel(row))}: state ${fmt(row.statePer1k, 3)}, people ${fmt(row.peoplePer1k, 3)} per 1,000 tokens</title></circle>`)
    .join('');
  return `<svg role="img" aria-label="Scatter of state-centric against people-centric rate per document" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#444"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${height - pad}" stroke="#444"/>
<line x1="${x(0)}" y1="${y(0)}" x2="${x(max)}" y2="${y(max)}" stroke="#bbb" stroke-dasharray="4 4"/>${axis}
<text x="${width / 2}" y="${height - 10}" text-anchor="middle" font-size="12">state_centric per 1,000 tokens</text>
<text x="14" y="${height / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 14 ${height / 2})">people_centric per 1,000 tokens</text>${points}</svg>`;
}

function ranking(rows: readonly LabelledRow[]): string {
  const ranked = [...rows].sort((a, b) => (b.framingIndex ?? -Infinity) - (a.framingIndex ?? -Infinity) || compareText(a.docId, b.docId));
  const [labelWidth, plotWidth, rowHeight] = [360, 420, 22];
  const x = (value: number) => labelWidth + ((value + 1) / 2) * plotWidth;
  const height = ranked.length * rowHeight + 30;
  const lines = ranked.map((row, i) => {
    const cy = 20 + i * rowHeight;
    const label = `<text x="${labelWidth - 8}" y="${cy + 4}" text-anchor="end" font-size="11">${esc(shortLabel(row, 55))}</text>`;
    if (row.framingIndex === null) return `${label}<text x="${x(0)}" y="${cy + 4}" text-anchor="middle" font-size="11" fill="#777">${row.tokens > 0 ? 'no frame language' : 'not scored (another language)'}</text>`;
    const whisker = `<line x1="${x(row.ciLow ?? row.framingIndex)}" y1="${cy}" x2="${x(row.ciHigh ?? row.framingIndex)}" y2="${cy}" stroke="${REPORT_COLOURS.whisker}" stroke-width="4"/>`;
    return `${label}${whisker}<circle cx="${x(row.framingIndex)}" cy="${cy}" r="5" fill="${REPORT_COLOURS.point}"><title>${esc(fullLabel(row))}: ${fmt(row.framingIndex, 4)} (${fmt(row.ciLow, 4)} to ${fmt(row.ciHigh, 4)})</title></circle>`;
  });
  const grid = [-1, -0.5, 0, 0.5, 1].map((tick) => `<line x1="${x(tick)}" y1="8" x2="${x(tick)}" y2="${height - 16}" stroke="#ddd"/><text x="${x(tick)}" y="${height - 2}" text-anchor="middle" font-size="11">${tick}</text>`).join('');
  return `<svg role="img" aria-label="Documents ranked by framing index with 95% intervals" width="${labelWidth + plotWidth + 20}" height="${height}">${grid}${lines.join('')}</svg>`;
}

function heatMap(rows: readonly LabelledRow[], categories: readonly string[]): string {
  const max = Math.max(0, ...rows.flatMap((row) => categories.map((id) => row.undp[id] ?? 0)));
  const [r, g, b] = REPORT_COLOURS.heat;
  const cell = (value: number | null) => {
    const share = value === null || max === 0 ? 0 : value / max;
    const mix = (channel: number) => Math.round(255 - share * (255 - channel));
    const colour = `rgb(${mix(r)},${mix(g)},${mix(b)})`;
    // Black text: at least 4.7:1 against the darkest cell (WCAG AA); white fell to 2.3:1 on the middle of the ramp.
    // As scores.csv writes rates (3 decimals), so the map repeats its numbers rather than rounding them again.
    return `<td style="background:${colour};color:#000">${fmt(value, 3)}</td>`;
  };
  const head = categories.map((id) => `<th>${esc(id)}</th>`).join('');
  const body = rows.map((row) => `<tr><th scope="row">${esc(shortLabel(row, MIN_LABEL))}</th>${categories.map((id) => cell(row.undp[id] ?? null)).join('')}</tr>`).join('\n');
  return `<table class="heat"><thead><tr><th>document</th>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
