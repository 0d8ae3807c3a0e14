import { joinHyphenated, type HyphenSettings } from './join-hyphenated.js';

/**
 * A PDF's text as its reader follows it: lines grouped from the text layer's items and their
 * paragraphs found (`pageLines`), then, once running headers and footers are left out
 * (`running-lines.ts`), the pages joined so that a paragraph that goes on over a page break stays
 * whole, footnotes after the last page, and words hyphenated at a line end joined again
 * (`linesText`).
 */

/** A gap before a line larger than this many times the page's usual line spacing starts a paragraph. */
const PARAGRAPH_GAP = 1.25;
/** On a page with fewer lines than this to learn its line spacing from, a gap larger than `FONT_GAP` times the font size starts a paragraph. */
const MIN_SPACED_LINES = 4;
const FONT_GAP = 1.6;
/** An item set at most this share of its line's height may be a superscript (a footnote mark). */
const SUPERSCRIPT_SIZE = 0.85;
/** Ems of empty space between two items on one line past which the second starts a cell of its own. */
const CELL_GAP = 1.5;

/** The parts of a pdfjs text item read here. */
export interface PdfTextItem {
  readonly str: string;
  readonly hasEOL: boolean;
  readonly transform: readonly number[];
  readonly height: number;
  /** Its width on the page, where pdfjs gives it. */
  readonly width?: number;
}

/** A line of a page: its text, its baseline (PDF units, from the bottom), whether a paragraph starts with it, and its font size where known. */
export interface PdfLine {
  readonly text: string;
  readonly y: number;
  readonly isParagraphStart: boolean;
  readonly size?: number;
}

/** A line as read from the items: its text, baseline, font size, and the drop from the line before it. */
interface RawLine {
  readonly text: string;
  readonly y: number;
  readonly height: number;
  readonly drop: number | undefined;
  /** It starts after a wide gap on the same line (a table's next cell): a paragraph of its own. */
  readonly isApart: boolean;
}

/**
 * The lines of one page, in the text layer's order. A line ends where an item says so or the
 * next item sits at another height; lines without text are dropped (an empty item that ends a
 * line, as some writers put at the start of every line, does not make a paragraph). A line
 * starts a paragraph when the drop to it from the line before is more than `PARAGRAPH_GAP`
 * times the page's usual line spacing (the most common drop), so double-spaced text is not a
 * paragraph a line. Text after a gap wider than `CELL_GAP` ems on one line (a table's next cell,
 * a tab stop) is a paragraph of its own, as a table cell of a web page is: a phrase does not run
 * from one cell into the next.
 */
export function pageLines(items: readonly PdfTextItem[]): PdfLine[] {
  const lines = rawLines(items);
  const spacing = usualSpacing(lines);
  return lines.map(({ text, y, height, drop, isApart }) => ({
    text,
    y,
    size: height,
    isParagraphStart: isApart || (drop !== undefined && (spacing === undefined ? drop > height * FONT_GAP : drop > spacing * PARAGRAPH_GAP)),
  }));
}

/**
 * Where an item sits, measured along its text's direction (`x`) and across it (`y`, up from the
 * baseline), so that text set at an angle (a table turned a quarter turn to fit a landscape
 * page, a margin note read upwards) makes lines along its own baselines, as level text does.
 * `direction` is the angle of its baseline, in whole degrees (0 for level text).
 */
function placeOf(item: PdfTextItem): { readonly x: number; readonly y: number; readonly direction: number } {
  const [a, b, , , e, f] = item.transform;
  if (b === 0 && a >= 0) return { x: e, y: f, direction: 0 };
  const length = Math.hypot(a, b);
  const [ux, uy] = [a / length, b / length];
  return { x: e * ux + f * uy, y: f * ux - e * uy, direction: Math.round((Math.atan2(uy, ux) * 180) / Math.PI) };
}

function rawLines(items: readonly PdfTextItem[]): RawLine[] {
  const lines: RawLine[] = [];
  let [text, y, height] = ['', 0, 0];
  let lastY: number | undefined;
  // The direction of the line's text: text set at another angle starts a line and a paragraph of its own.
  let direction: number | undefined;
  // Where the last item with text ends on the line (undefined where pdfjs gives no width).
  let lastEnd: number | undefined;
  let isApart = false;
  const end = () => {
    if (text.trim() === '') return;
    const before = lines.at(-1);
    lines.push({ text, y, height, drop: before === undefined ? undefined : before.y - y, isApart });
    [text, height, isApart] = ['', 0, false];
  };
  for (const item of items) {
    const place = placeOf(item);
    const [itemX, itemY] = [place.x, place.y];
    const hasText = item.str.trim() !== '';
    if (hasText && direction !== undefined && place.direction !== direction) {
      end();
      isApart = true;
      lastY = undefined;
    }
    if (hasText) direction = place.direction;
    // Text after a wide gap on the same line starts a cell of its own.
    if (hasText && text.trim() !== '' && lastEnd !== undefined && Math.abs(itemY - y) <= 1 && itemX - lastEnd > CELL_GAP * Math.max(height, item.height)) {
      end();
      isApart = true;
    }
    const isLineBegun = text.trim() !== '';
    // A footnote mark, set smaller and raised above the line it is in, stays in it, apart from the word before it; the text after it comes back to the line's baseline.
    const isRaisedMark = isLineBegun && hasText && isRaisedAbove(item, itemY, y, height);
    const isOnLine = isRaisedMark || (isLineBegun && Math.abs(itemY - y) <= 1);
    if (lastY !== undefined && Math.abs(itemY - lastY) > 1 && !isOnLine) end();
    if (text.trim() === '' && hasText) y = itemY;
    text += isRaisedMark && !/\s$/.test(text) ? ` ${item.str}` : item.str;
    if (!isRaisedMark) height = Math.max(height, item.height);
    if (hasText) lastEnd = item.width === undefined ? undefined : itemX + item.width;
    if (item.hasEOL) end();
    lastY = itemY;
  }
  end();
  return lines;
}

/** True for an item set smaller than a line of `height` whose baseline is `y` and raised above that baseline by less than the line's height (a superscript: a footnote mark). */
function isRaisedAbove(item: PdfTextItem, itemY: number, y: number, height: number): boolean {
  return item.height < height * SUPERSCRIPT_SIZE && itemY - y > 1 && itemY - y < height;
}

/** The most common drop from line to line on a page (to half a point), or undefined when fewer than `MIN_SPACED_LINES` lines follow one another down the page. */
function usualSpacing(lines: readonly RawLine[]): number | undefined {
  const counts = new Map<number, number>();
  for (const { drop } of lines) {
    if (drop === undefined || drop <= 0) continue;
    const rounded = Math.round(drop * 2) / 2;
    counts.set(rounded, (counts.get(rounded) ?? 0) + 1);
  }
  const downward = [...counts.values()].reduce((sum, count) => sum + count, 0);
  if (downward + 1 < MIN_SPACED_LINES) return undefined;
  // The most common drop; of equally common ones, the smallest.
  return [...counts].sort(([dropA, countA], [dropB, countB]) => countB - countA || dropA - dropB)[0][0];
}

/** Ends a sentence: a full stop, question or exclamation mark, colon or semicolon, then perhaps closing quotes or brackets. */
const SENTENCE_END = /[.!?:;…]["'”’»)\]]*$/;

/**
 * The text of the pages: lines joined by a line break, a blank line before each paragraph. A
 * page starts a new paragraph only when the page before it ended a sentence, so a paragraph
 * that goes on over a page break stays one. A page's footnotes (`footnotesFrom`) go after the
 * last page, each page's as a paragraph, so they do not cut a sentence that goes on over the
 * page break.
 */
export function linesText(pages: readonly (readonly PdfLine[])[], hyphens?: HyphenSettings): string {
  let text = '';
  let last = '';
  const notes: string[] = [];
  const size = textSize(pages);
  for (const lines of pages) {
    const notesFrom = size === undefined ? lines.length : footnotesFrom(lines, size);
    const columnNotes = size === undefined ? new Set<number>() : columnFootnotes(lines.slice(0, notesFrom), size);
    lines.slice(0, notesFrom).filter((_, index) => !columnNotes.has(index)).forEach((line, index) => {
      if (text !== '') {
        const isBreak = index === 0 ? SENTENCE_END.test(last.trimEnd()) : line.isParagraphStart;
        text += isBreak ? '\n\n' : '\n';
      }
      text += line.text;
      last = line.text;
    });
    const pageNotes = [...[...columnNotes].sort((a, b) => a - b).map((index) => lines[index]), ...lines.slice(notesFrom)];
    if (pageNotes.length > 0) notes.push(pageNotes.map((line) => line.text).join('\n'));
  }
  return joinHyphenated([text, ...notes].filter((part) => part !== '').join('\n\n'), hyphens);
}

/** The first line of a footnote: its number or mark ("1", "(1)", "*"), then its text. */
const FOOTNOTE_START = /^\s*\(?(?:\d{1,3}|[*†‡§])\)?\s*\S/;

/**
 * The footnotes at the foot of a column that is not the page's last (two columns, notes under
 * the first): a run of lines set smaller than the text (`FOOTNOTE_SIZE` of `size`), the first
 * starting with a note's number or mark, below every line of their column before them, after
 * which the text jumps back up the page (the next column). Indexes into `lines`.
 */
function columnFootnotes(lines: readonly PdfLine[], size: number): Set<number> {
  const notes = new Set<number>();
  const isSmall = (line: PdfLine) => (sizeOf(line) ?? size) < size * FOOTNOTE_SIZE;
  // Where the current column started, and the lowest line of it so far.
  let [columnStart, lowest] = [0, Infinity];
  for (let at = 0; at < lines.length; at++) {
    if (at > 0 && lines[at].y > lines[at - 1].y) [columnStart, lowest] = [at, Infinity];
    if (!isSmall(lines[at]) || !FOOTNOTE_START.test(lines[at].text) || at === columnStart || !(lines[at].y < lowest)) {
      lowest = Math.min(lowest, lines[at].y);
      continue;
    }
    let end = at;
    while (end < lines.length && isSmall(lines[end]) && (end === at || lines[end].y < lines[end - 1].y)) end += 1;
    // Only where the next column starts right after them, higher up the page.
    if (end < lines.length && lines[end].y > lines[at].y) for (let note = at; note < end; note++) notes.add(note);
    lowest = Math.min(lowest, lines[at].y);
  }
  return notes;
}

/** A line set this much smaller than most of the document's text may be a footnote's. */
const FOOTNOTE_SIZE = 0.9;

/** A line's font size, to half a point. */
const sizeOf = (line: PdfLine) => (line.size === undefined ? undefined : Math.round(line.size * 2) / 2);

/** The size most of the document's characters are set in; undefined when its lines have no size or all one. */
function textSize(pages: readonly (readonly PdfLine[])[]): number | undefined {
  const characters = new Map<number, number>();
  for (const lines of pages) {
    for (const line of lines) {
      const size = sizeOf(line);
      if (size !== undefined) characters.set(size, (characters.get(size) ?? 0) + line.text.length);
    }
  }
  if (characters.size < 2) return undefined;
  return [...characters].sort(([sizeA, countA], [sizeB, countB]) => countB - countA || sizeA - sizeB)[0][0];
}

/**
 * Where a page's footnotes start (its line count when it has none): its last lines, when they
 * are set smaller than the document's text (`FOOTNOTE_SIZE` of `size`) and sit below all of the
 * rest. A raised footnote mark at the end of the text is above the last line, so it stays.
 */
function footnotesFrom(lines: readonly PdfLine[], size: number): number {
  let from = lines.length;
  while (from > 0 && (sizeOf(lines[from - 1]) ?? size) < size * FOOTNOTE_SIZE) from -= 1;
  if (from === 0 || from === lines.length) return lines.length;
  let lowest = Infinity;
  for (let i = 0; i < from; i++) lowest = Math.min(lowest, lines[i].y);
  return lines.slice(from).every((line) => line.y < lowest) ? from : lines.length;
}
