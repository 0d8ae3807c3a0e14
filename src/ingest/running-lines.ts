import type { PdfLine } from './pdf-layout.js';

/** Lines at each edge of a page (the highest, the lowest) that may be a running header or footer. */
const EDGE_LINES = 2;
/** Lines at an edge that may be running when every line between them and the edge is (a header of three or four lines). */
const MAX_EDGE_LINES = 4;
/** Share of a document's pages a line must recur on, at the same edge and height, to be a running header or footer (at least two pages). */
const RUNNING_SHARE = 0.4;
/** Points a running line may move up or down from page to page. */
const RUNNING_DRIFT = 3;

/** A line's text with its numbers made alike, so "Page 3 of 25" and "Page 4 of 25" are one running line. */
function runningKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/** Indexes of a page's `MAX_EDGE_LINES` highest lines (`edge` 'top') or lowest ('bottom'), from the edge in. */
function edgeLines(lines: readonly PdfLine[], edge: 'top' | 'bottom'): number[] {
  const order = lines.map((_, index) => index);
  order.sort((a, b) => (edge === 'top' ? lines[b].y - lines[a].y : lines[a].y - lines[b].y) || a - b);
  return order.slice(0, MAX_EDGE_LINES);
}

/** Where a line sits: its page, its index there, its height, its distance from the page's highest (or lowest) line (plain text only: undefined for a line with a font size), and its text. */
interface Place {
  readonly page: number;
  readonly line: number;
  readonly y: number;
  readonly fromEdge: number | undefined;
  readonly text: string;
}

/**
 * True when lines that read alike but for their numbers, one on each of their pages, run from
 * page to page: they are the same, or one of their numbers goes up with the page ("Page 3 of 25",
 * "L 123/45"), which a heading that happens to start pages ("Article 3", "Article 7") does not.
 */
function isRunning(places: readonly Place[]): boolean {
  if (places.every((place) => place.text.replace(/\s+/g, ' ').trim() === places[0].text.replace(/\s+/g, ' ').trim())) return true;
  const numbers = places.map((place) => (place.text.match(/\d+/g) ?? []).map(Number));
  return numbers[0].some((_, k) => places.every((place, i) => numbers[i][k] - place.page === numbers[0][k] - places[0].page));
}

/**
 * The pages without their running headers and footers: a line among a page's highest or lowest
 * `EDGE_LINES` whose text (numbers aside) recurs at the same edge and height (in plain text, whose
 * pages differ in length, also as far from the page's highest or lowest line), within
 * `RUNNING_DRIFT` points, on `RUNNING_SHARE` of the pages and at least two, with the same words
 * and numbers or with a page number (`isRunning`). A one-page document keeps every line. A PDF's
 * title on its first page, above the body as a header is but lower, is not taken for the header.
 */
export function withoutRunningLines(pages: readonly (readonly PdfLine[])[]): PdfLine[][] {
  const needed = Math.max(2, Math.ceil(pages.length * RUNNING_SHARE));
  const edges = pages.map((lines) => ({ top: edgeLines(lines, 'top'), bottom: edgeLines(lines, 'bottom') }));
  const running = pages.map(() => new Set<number>());
  // The `EDGE_LINES` lines at each edge; then, one depth at a time, a line further in where every line between it and the edge is running.
  for (let depth = EDGE_LINES; depth <= MAX_EDGE_LINES; depth++) {
    const found = markRunning(pages, edges, (page, edge) => {
      const lines = edges[page][edge];
      if (depth === EDGE_LINES) return lines.slice(0, EDGE_LINES);
      return lines.slice(0, depth - 1).every((line) => running[page].has(line)) && lines.length >= depth ? [lines[depth - 1]] : [];
    }, needed, running);
    if (depth > EDGE_LINES && !found) break;
  }
  return pages.map((lines, page) => lines.filter((_, line) => !running[page].has(line)));
}

/** Add to `running` the lines of `candidates` (by page and edge, indexes into the page; `edges`: each page's lines from each edge in) that recur as running lines; true when any was added. */
function markRunning(pages: readonly (readonly PdfLine[])[], edges: readonly Record<'top' | 'bottom', number[]>[], candidates: (page: number, edge: 'top' | 'bottom') => readonly number[], needed: number, running: Set<number>[]): boolean {
  // By edge and text, numbers aside: where such lines are.
  const seen = new Map<string, Place[]>();
  pages.forEach((lines, page) => {
    for (const edge of ['top', 'bottom'] as const) {
      // The page's highest (lowest) line comes first at its edge.
      const edgeY = lines[edges[page][edge][0]]?.y ?? 0;
      for (const line of candidates(page, edge)) {
        const { y, text } = lines[line];
        const key = `${edge}\n${runningKey(text)}`;
        const places = seen.get(key) ?? [];
        // Pages come in order: only the last place can be on this page.
        if (places.at(-1)?.page !== page) places.push({ page, line, y, fromEdge: lines[line].size !== undefined ? undefined : Math.abs(edgeY - y), text });
        seen.set(key, places);
      }
    }
  });
  let isFound = false;
  for (const places of seen.values()) {
    if (places.length < needed) continue;
    // Places at the same height and distance from the edge have the same lines near them: decided once (a running line is at one place on most pages).
    const decided = new Set<string>();
    for (const { y, fromEdge } of places) {
      const at = `${y} ${fromEdge}`;
      if (decided.has(at)) continue;
      decided.add(at);
      const near = places.filter((place) => Math.abs(place.y - y) <= RUNNING_DRIFT || (place.fromEdge !== undefined && fromEdge !== undefined && Math.abs(place.fromEdge - fromEdge) <= RUNNING_DRIFT));
      if (near.length < needed || !isRunning(near)) continue;
      for (const place of near) running[place.page].add(place.line);
      isFound = true;
    }
  }
  return isFound;
}
