import { decodeEntities, tidyParagraphs } from './html-to-text.js';

/** An image (`![alt](address)`), a link (`[text](address)`, its text kept) and an HTML tag; see `markdownToText` on why they take the brackets they do. */
const IMAGE = /!\[[^[\]]*\]\((?:[^()\n]|\([^()\n]*\))*\)/g;
const LINK = /\[([^[\]]*)\]\((?:[^()\n]|\([^()\n]*\))*\)/g;
/** An HTML tag: `<` and a letter, or `</` and a letter (CommonMark: "a < 2" and "<5 years" are text). */
const TAG = /<\/?[A-Za-z][^<>\n]*>/g;

/** Plain text of a Markdown document: front matter (YAML or TOML), fenced code, markup, links, images, footnote markers and HTML removed; footnotes kept; table cells become paragraphs. */
export function markdownToText(markdown: string): { text: string; title: string } {
  // Front matter and fenced code (not prose: a "# comment" in it is no heading) go first.
  const body = withoutFencedCode(markdown.replace(/^(---\n[\s\S]*?\n(---|\.\.\.)|\+\+\+\n[\s\S]*?\n\+\+\+)\n/, ''));
  // The first heading, `#` or underlined with `=`, whichever comes first.
  const headings = [firstAtxHeading(body), /^(.+)\n=+[ \t]*$/m.exec(body)].filter((found) => found !== undefined && found !== null);
  const heading = headings.sort((a, b) => a.index - b.index)[0];
  // A link's text or a tag never holds another bracket of its kind, and a link's address at most
  // one pair of parentheses, on one line: so each search stops at the next bracket, and thousands
  // left open take linear time, not quadratic.
  const text = withoutScripts(withoutComments(body))
    .replace(/^(?:[ \t]*>)*[ \t]*(`{3,}[^`\n]*|~{3,}.*)$/gm, '')
    .replace(/^[ \t]*([-*_][ \t]*){3,}$/gm, '')
    .replace(/^(=+|-+)[ \t]*$/gm, '')
    .replace(IMAGE, '')
    .replace(LINK, '$1')
    .replace(/\[([^[\]]*)\]\[[^[\]]*\]/g, '$1')
    // A footnote's text is kept, as in HTML and PDF; its markers and link definitions go.
    .replace(/^[ \t]*\[\^[^[\]]+\]:[ \t]*/gm, '')
    .replace(/\[\^[^[\]]+\]/g, '')
    .replace(/^[ \t]*\[[^[\]]+\]:.*$/gm, '')
    // HTML in Markdown breaks as a browser shows it: a line break (in a table row, a cell's next part), a block's paragraph, a footnote number in <sup> set apart; other tags go.
    .replace(/^.*\|.*$/gm, (row) => row.replace(/<br\s*\/?>/gi, '|'))
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(?:p|div|li|ul|ol|table|thead|tbody|tr|td|th|h[1-6]|blockquote|section|article|header|footer|figure|figcaption|dl|dt|dd)\b[^<>\n]*>/gi, '\n\n')
    .replace(/<\/?su[pb]\b[^<>\n]*>/gi, ' ')
    .replace(TAG, '')
    // A heading is a paragraph of its own, even with no blank line before or after it.
    .replace(ATX_HEADING_LINE, (line) => `\n\n${atxHeadingText(line, false)}\n\n`)
    .replace(/^(?:[ \t]*>[ \t]?)+/gm, '')
    .replace(/^[ \t|:-]*-{3}[ \t|:-]*$/gm, (line) => (isTableDivider(line) ? '' : line))
    // A table's cells are paragraphs of their own, as in HTML: a phrase does not run from one cell into the next.
    .replace(/^.*\|.*$/gm, (row) => row.split('|').join('\n\n'))
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=[\s).,;:!?]|$)/gm, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    // Each item of a list is a paragraph of its own, as in HTML: a phrase or a negation does not run from one into the next.
    .replace(/^[ \t]*([-*+]|\d+[.)])[ \t]+/gm, '\n\n')
    // A backslash escapes the ASCII punctuation after it (`people\'s`, `\*`).
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
  const title = heading ? collapseInline(heading[1]) : '';
  return { text: tidyParagraphs(decodeEntities(text)), title };
}

/** A line that may be a `#` heading: up to three spaces, one to six `#`, a space or tab, the rest of the line (found in linear time; `atxHeadingText` reads it). */
const ATX_HEADING_LINE = /^ {0,3}#{1,6}[ \t][^\n]*$/gm;

/**
 * The text of a `#` heading line (`ATX_HEADING_LINE`): after its `#`s and the spaces or tabs
 * after them, without the spaces, tabs and `#`s that end it; read without a regular expression,
 * which takes time that grows with the square of a long line's length. `isTitle`: as the title
 * is read, a heading holds at least one character after the first space or tab (the line
 * `# #` gives `#`); else undefined. Not a title: nothing after the spaces is text (`# #` gives ``).
 */
function atxHeadingText(indented: string, isTitle: boolean): string | undefined {
  // CommonMark lets a heading be indented by up to three spaces.
  const line = indented.replace(/^ {1,3}/, '');
  let hashes = 0;
  while (hashes < line.length && line[hashes] === '#') hashes += 1;
  if (hashes > 6) return undefined;
  let at = hashes;
  while (at < line.length && (line[at] === ' ' || line[at] === '\t')) at += 1;
  if (at === hashes) return undefined;
  // As the title is read, the text takes one character even if that is the last space.
  if (isTitle && at === line.length) {
    if (at - hashes < 2) return undefined;
    at -= 1;
  }
  let end = line.length;
  while (end > at + (isTitle ? 1 : 0) && (line[end - 1] === ' ' || line[end - 1] === '\t' || line[end - 1] === '#')) end -= 1;
  return line.slice(at, end);
}

/** The first `#` heading that gives a title: where it starts, and its text at index 1 (as a regular expression's match gives them). */
function firstAtxHeading(body: string): { index: number; 1: string } | undefined {
  for (const line of body.matchAll(ATX_HEADING_LINE)) {
    const text = atxHeadingText(line[0], true);
    if (text !== undefined) return { index: line.index, 1: text };
  }
  return undefined;
}

/** A cell of a table's divider line: three or more `-`, a `:` before or after them to align. */
const DIVIDER_CELL = /^[ \t]*:?-{3,}:?[ \t]*$/;

/** True for a table's divider line (`| --- | :---: |`, the outer `|` optional): tested cell by cell, not by one pattern whose repeats a line of a million cells would overflow. */
function isTableDivider(line: string): boolean {
  let inner = line.trim();
  if (inner.startsWith('|')) inner = inner.slice(1);
  if (inner.endsWith('|')) inner = inner.slice(0, -1);
  return inner.split('|').every((cell) => DIVIDER_CELL.test(cell));
}

/**
 * Fenced code blocks removed: from a line that opens one (three or more backticks or tildes) to
 * the next line that holds a fence of the same mark, at least as long, alone (CommonMark's rule),
 * both included. A fence inside a blockquote (up to three spaces after its `>`) closes inside
 * the same blockquote: on a line with as many `>` before it, with no line of fewer in between
 * (one ends the blockquote, and its code with it: a fence in a blockquote that no line closes
 * ends where its blockquote does). An opening fence that no later line closes, outside a
 * blockquote or in one that goes on to the end, is no block: its text is kept, so a fence left
 * open by mistake hides nothing. Found in linear time (and a logarithm):
 * the lines are read once from the end, keeping the closing lines after each that could close it.
 */
function withoutFencedCode(text: string): string {
  if (!text.includes('```') && !text.includes('~~~')) return text;
  const lines = text.split('\n');
  // For an opening line, the line that closes it; -1 for any other line.
  const closeAt = new Int32Array(lines.length).fill(-1);
  // By mark and blockquote depth: the closing lines after the line being read, farthest first,
  // each longer than every nearer one (a nearer one at least as long closes first).
  const closers = new Map<string, { line: number; length: number }[]>();
  // The depths that have closers, deepest last: a line of fewer `>` drops those past it.
  const depths: number[] = [];
  // Each line's blockquote depth, and the lines after the one being read, each of fewer `>` than all before it.
  const depthOf = new Int32Array(lines.length);
  const shallower: number[] = [];
  let hasFence = false;
  for (let index = lines.length - 1; index >= 0; index--) {
    const markers = QUOTE_MARKERS.exec(lines[index])![0];
    let depth = 0;
    for (let at = 0; at < markers.length; at++) if (markers.charCodeAt(at) === 0x3e) depth += 1;
    while (depths.length > 0 && depths[depths.length - 1] > depth) {
      const deeper = depths.pop()!;
      for (const mark of '`~') closers.delete(mark + deeper);
    }
    // The nearest later line of fewer `>` than this one: where its blockquote ends.
    while (shallower.length > 0 && depthOf[shallower[shallower.length - 1]] >= depth) shallower.pop();
    const quoteEnd = shallower.length > 0 ? shallower[shallower.length - 1] : -1;
    depthOf[index] = depth;
    shallower.push(index);
    const rest = depth === 0 ? lines[index] : lines[index].slice(markers.length);
    const fence = (depth === 0 ? FENCE : QUOTED_FENCE).exec(rest);
    if (!fence) continue;
    hasFence = true;
    const [mark, length] = [fence[1][0], fence[1].length];
    const key = mark + depth;
    const after = closers.get(key) ?? [];
    closeAt[index] = nearestAtLeast(after, length);
    // A fence in a blockquote that no line closes ends with its blockquote (CommonMark).
    if (closeAt[index] < 0 && depth > 0 && quoteEnd >= 0) closeAt[index] = quoteEnd - 1;
    if ((depth === 0 ? CLOSING_FENCE : QUOTED_CLOSING_FENCE).test(rest)) {
      while (after.length > 0 && after[after.length - 1].length <= length) after.pop();
      after.push({ line: index, length });
      closers.set(key, after);
      if (depths.length === 0 || depths[depths.length - 1] < depth) depths.push(depth);
    }
  }
  if (!hasFence) return text;
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (closeAt[index] < 0) {
      kept.push(lines[index]);
      continue;
    }
    // The block and its fences become one empty line.
    kept.push('');
    index = closeAt[index];
  }
  return kept.join('\n');
}

/** The blockquote markers that open a line: each `>` after spaces or tabs (a blockquote in a list item is indented), with the space or tab after it. */
const QUOTE_MARKERS = /^(?:[ \t]*>[ \t]?)*/;
/** A line that opens a fence: three or more backticks or tildes, after spaces or tabs; after backticks, no backtick on the line (CommonMark: "```npm install``` sets it up" is inline code). */
const FENCE = /^[ \t]*(`{3,}(?=[^`]*$)|~{3,})/;
/** A line that can close a fence: the fence alone. */
const CLOSING_FENCE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;
/** `FENCE` and `CLOSING_FENCE` after a blockquote's markers: at most three spaces before the fence (four or more make it a line of text). */
const QUOTED_FENCE = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/;
const QUOTED_CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** The line of the nearest closing fence at least `length` long, from closers farthest first whose lengths fall toward the nearest (`withoutFencedCode`); -1 when none. */
function nearestAtLeast(closers: readonly { line: number; length: number }[], length: number): number {
  let [low, high] = [0, closers.length - 1];
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (closers[middle].length >= length) {
      found = closers[middle].line;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** HTML `<script>` and `<style>` elements removed, content and all (code, not prose); one left open, and all after it, stay, found in linear time. */
function withoutScripts(text: string): string {
  if (!/<(?:script|style)\b/i.test(text)) return text;
  const open = /<(script|style)\b[^>]*>/gi;
  let out = '';
  let from = 0;
  for (let start = open.exec(text); start; start = open.exec(text)) {
    const close = new RegExp(`</${start[1]}\\s*>`, 'gi');
    close.lastIndex = open.lastIndex;
    const end = close.exec(text);
    if (!end) break;
    out += text.slice(from, start.index);
    from = open.lastIndex = close.lastIndex;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** HTML comments removed; one left open, and all after it, stay (as the non-greedy pattern leaves them), found in linear time. */
function withoutComments(text: string): string {
  let out = '';
  let from = 0;
  for (let open = text.indexOf('<!--'); open >= 0; open = text.indexOf('<!--', from)) {
    const close = text.indexOf('-->', open + 4);
    if (close < 0) break;
    out += text.slice(from, open);
    from = close + 3;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Inline markup of one line removed: links keep their text, emphasis and code marks go. */
function collapseInline(line: string): string {
  return decodeEntities(line.replace(IMAGE, '').replace(LINK, '$1').replace(TAG, '').replace(/[*_`]/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}
