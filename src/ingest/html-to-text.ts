import { PageText } from './page-text.js';
import { scanHtml } from './scan-html.js';
import { decodeWindows1252 } from '../windows-1252.js';
import { isWhiteSpace } from '../white-space.js';

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', sbquo: '‚', bdquo: '„', laquo: '«', raquo: '»', shy: '\u00ad', zwnj: '\u200c', zwj: '\u200d', lrm: '', rlm: '',
  euro: '€', pound: '£', copy: '©', reg: '®', trade: '™', deg: '°', sect: '§', para: '¶', middot: '·', bull: '•', times: '×', dagger: '†',
  aacute: 'á', agrave: 'à', acirc: 'â', atilde: 'ã', auml: 'ä', aring: 'å', aelig: 'æ', ccedil: 'ç', eacute: 'é', egrave: 'è', ecirc: 'ê', euml: 'ë',
  iacute: 'í', igrave: 'ì', icirc: 'î', iuml: 'ï', ntilde: 'ñ', oacute: 'ó', ograve: 'ò', ocirc: 'ô', otilde: 'õ', ouml: 'ö', oslash: 'ø',
  uacute: 'ú', ugrave: 'ù', ucirc: 'û', uuml: 'ü', yacute: 'ý', yuml: 'ÿ', szlig: 'ß',
  scaron: 'š', zcaron: 'ž', ccaron: 'č', oelig: 'œ', minus: '−', hyphen: '‐', zerowidthspace: '', nobreak: '', wj: '', notin: '∉', isin: '∈', ne: '≠', le: '≤', ge: '≥',
};

/** Named references a browser reads in text without their `;` too (HTML's legacy ones, in common use): `border&nbspcontrol` is two words, `&copy2024` is ©2024. */
const LEGACY = /&(nbsp|amp|lt|gt|quot|copy|reg|sect|para|deg|times|middot|laquo|raquo|shy)(?!;)/gi;

/** A numeric reference to white space or a line end, which a browser shows as a space outside <pre>: `human&#10;rights` is two words of one paragraph. */
const SPACING = new Set(['\n', '\r', '\t', '\f']);

/** Decode HTML character references (named ones in common use, and all numeric ones). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  const legacy = text.replace(LEGACY, (whole, name: string) => `&${name};`);
  return legacy.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      // As browsers do (HTML5): a reference to 128–159 means that byte in Windows-1252 (&#146; is ’).
      if (code >= 0x80 && code <= 0x9f) return decodeWindows1252(Uint8Array.of(code));
      if (code > 0 && code <= 0x10ffff) {
        const char = String.fromCodePoint(code);
        return SPACING.has(char) ? ' ' : char;
      }
      return whole;
    }
    const named = NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()];
    if (named === undefined) return whole;
    // A capital letter's entity (&Eacute;) is its small letter's, in capitals.
    return name[0] !== name[0].toLowerCase() && /^\p{Ll}$/u.test(named) ? named.toUpperCase() : named;
  });
}

/** Visible text of an HTML page: its `<main>` if it has one; no script, style, head or navigation menus; block elements become paragraph breaks. */
export function htmlToText(html: string): { text: string; title: string } {
  const page = new PageText(html);
  scanHtml(html, page);
  const { text, title, h1 } = page.result();
  return { text: tidyParagraphs(decodeEntities(text)), title: [title, h1].map((raw) => collapse(decodeEntities(raw ?? ''))).find(Boolean) ?? '' };
}

/** Soft hyphen, zero-width space and joiners, left-to-right and right-to-left marks, bidirectional embeddings and isolates, word joiner and invisible operators, byte order mark; ligatures. */
const INVISIBLE_OR_LIGATURE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufb00-\ufb06]/;
const EVERY_INVISIBLE_OR_LIGATURE = new RegExp(INVISIBLE_OR_LIGATURE.source, 'g');
const LIGATURES: Readonly<Record<string, string>> = { '\ufb00': 'ff', '\ufb01': 'fi', '\ufb02': 'fl', '\ufb03': 'ffi', '\ufb04': 'ffl', '\ufb05': 'st', '\ufb06': 'st' };

/**
 * The text as a reader sees it: invisible characters removed, so "asy\u00adlum" (a soft hyphen)
 * is the word "asylum" and a zero-width space or a direction mark (text copied from a page in
 * two scripts) does not split a word, and ligatures written out
 * ("ﬁrst" → "first"), so that the lexicons' words match them.
 */
function withoutInvisibles(text: string): string {
  return INVISIBLE_OR_LIGATURE.test(text) ? text.replace(EVERY_INVISIBLE_OR_LIGATURE, (char) => LIGATURES[char] ?? '') : text;
}

/**
 * The text of every format as scored: as a reader sees it (`withoutInvisibles`), each line
 * trimmed, runs of spaces, tabs and no-break spaces inside it collapsed, and at most one blank
 * line between paragraphs (none at the ends). One pass over line boundaries: lines that need no
 * collapsing are sliced, not rewritten.
 */
export function tidyParagraphs(raw: string): string {
  const text = withoutInvisibles(raw);
  const out: string[] = [];
  let hasBlank = false;
  // Where the next tab, no-break space and two spaces are: each is searched for once and passed
  // line by line, so a line is read only where its spacing collapses.
  const searches = COLLAPSED.map((found) => ({ found, at: -1 }));
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let first = start;
    let last = end;
    while (first < last && isWhiteSpace(text.charCodeAt(first))) first += 1;
    while (last > first && isWhiteSpace(text.charCodeAt(last - 1))) last -= 1;
    if (first === last) {
      hasBlank = out.length > 0;
    } else {
      if (out.length > 0) out.push(hasBlank ? '\n\n' : '\n');
      hasBlank = false;
      out.push(collapsedLine(text, first, last, searches));
    }
    start = end + 1;
  }
  return out.join('');
}

/** What makes spacing collapse: a tab, a no-break space, two spaces. */
const COLLAPSED = ['\t', '\u00a0', '  '];

/**
 * `text[first, last)` (a trimmed line) with each run of spaces, tabs and no-break spaces that
 * holds a tab, a no-break space or two spaces collapsed to one space (a lone space is left as
 * it is). The runs are found from `searches` (see `nextCollapse`), then widened to the whole run.
 */
function collapsedLine(text: string, first: number, last: number, searches: { readonly found: string; at: number }[]): string {
  let run = nextCollapse(text, first, searches);
  if (run >= last) return text.slice(first, last);
  let line = '';
  let done = first;
  while (run < last) {
    let runStart = run;
    while (runStart > done && isSpacing(text.charCodeAt(runStart - 1))) runStart -= 1;
    let runEnd = run;
    while (runEnd < last && isSpacing(text.charCodeAt(runEnd))) runEnd += 1;
    line += `${text.slice(done, runStart)} `;
    done = runEnd;
    run = nextCollapse(text, done, searches);
  }
  return line + text.slice(done, last);
}

/** The first place from `from` on where one of `searches` is found (Infinity: none), each search going on from where it was. */
function nextCollapse(text: string, from: number, searches: { readonly found: string; at: number }[]): number {
  let nearest = Infinity;
  for (const search of searches) {
    if (search.at < from) {
      const at = text.indexOf(search.found, from);
      search.at = at < 0 ? Infinity : at;
    }
    nearest = Math.min(nearest, search.at);
  }
  return nearest;
}

/** A space, a tab or a no-break space: what collapses inside a line. */
function isSpacing(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0xa0;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
