/** What `scanHtml` reports, in document order. */
export interface HtmlVisitor {
  /** `html.slice(start, end)` is text (character references not decoded); `rawIn` names the raw-text element it is the content of, or is null. */
  text(start: number, end: number, rawIn: string | null): void;
  /** A start or end tag; `name` in lower case; `html.slice(start, end)` is the whole tag, `<` to `>`. */
  tag(name: string, isEnd: boolean, start: number, end: number): void;
}

/**
 * Elements whose content is text up to their end tag, not markup (HTML's raw-text and escapable
 * raw-text elements, noscript as with scripting on); plaintext's runs to the end of the file.
 */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'title', 'textarea', 'plaintext']);

/**
 * Reads an HTML page as a browser's tokenizer does (WHATWG HTML, "Tokenization"), in one pass
 * that reads each character a bounded number of times. A tag starts at `<` and a letter (`</`
 * and a letter for an end tag); an attribute value in double or single quotes may hold `>`, and
 * one without quotes ends at white space or `>`, whatever quotes it holds. Comments, `<!…>`,
 * `<?…>` and CDATA sections are skipped; a `<` that starts none of these is text. A tag, comment
 * or quoted value still open at the end of the file takes the rest of the file with it; the text
 * before it is kept. Not modelled: script's escape states (a `<script>` inside `<!--` in a
 * script, which keeps the next `</script>` from closing it) and CDATA as text inside SVG or
 * MathML; a CDATA section is skipped up to `]]>` wherever it is, as in XHTML.
 */
export function scanHtml(html: string, visitor: HtmlVisitor): void {
  const findCdataEnd = finder(html, ']]>');
  const findCommentEnd = [finder(html, '-->'), finder(html, '--!>')];
  let textStart = 0;
  let from = 0;
  for (;;) {
    const open = html.indexOf('<', from);
    if (open < 0) break;
    const markup = markupAt(html, open, findCommentEnd, findCdataEnd);
    if (!markup) {
      from = open + 1;
      continue;
    }
    if (open > textStart) visitor.text(textStart, open, null);
    if (markup.end < 0) return;
    textStart = from = markup.end;
    if (markup.name === undefined) continue;
    visitor.tag(markup.name, markup.isEnd, open, markup.end);
    if (markup.isEnd || !RAW_TEXT.has(markup.name)) continue;
    const close = markup.name === 'plaintext' ? -1 : endTagAt(html, markup.name, markup.end);
    const contentEnd = close < 0 ? html.length : close;
    if (contentEnd > markup.end) visitor.text(markup.end, contentEnd, markup.name);
    if (close < 0) return;
    textStart = from = close;
  }
  if (html.length > textStart) visitor.text(textStart, html.length, null);
}

/** Markup starting at `open` (a `<`): where it ends (-1: at the end of the file, unclosed) and, for a tag, its name; null when the `<` is text. */
type Markup = { end: number; name?: string; isEnd: boolean } | null;

function markupAt(html: string, open: number, findCommentEnd: readonly Finder[], findCdataEnd: Finder): Markup {
  const next = html.charCodeAt(open + 1);
  if (isLetter(next)) return tagAt(html, open + 1, false);
  if (next === 0x2f /* / */) {
    const after = html.charCodeAt(open + 2);
    if (isLetter(after)) return tagAt(html, open + 2, true);
    if (after === 0x3e /* > */) return { end: open + 3, isEnd: true };
    // '</' at the end of the file is text; '</' and anything else opens a bogus comment.
    return Number.isNaN(after) ? null : { end: afterNext(html, '>', open + 2), isEnd: true };
  }
  if (next === 0x21 /* ! */) {
    if (html.startsWith('<!--', open)) return { end: commentEnd(html, open + 4, findCommentEnd), isEnd: false };
    if (html.startsWith('<![CDATA[', open)) {
      const close = findCdataEnd(open + 9);
      if (close >= 0) return { end: close + 3, isEnd: false };
    }
    return { end: afterNext(html, '>', open + 2), isEnd: false };
  }
  if (next === 0x3f /* ? */) return { end: afterNext(html, '>', open + 2), isEnd: false };
  return null;
}

/** A tag whose name starts at `start`: its name (in lower case) and where it ends. */
function tagAt(html: string, start: number, isEnd: boolean): Markup {
  let nameEnd = start;
  while (nameEnd < html.length && !endsName(html.charCodeAt(nameEnd))) nameEnd += 1;
  return { end: attributesEnd(html, nameEnd), name: html.slice(start, nameEnd).toLowerCase(), isEnd };
}

/** States of the attribute part of a tag (WHATWG HTML 13.2.5.32–13.2.5.39), as far as they decide where the tag ends. */
const enum In { BeforeName, Name, AfterName, BeforeValue, UnquotedValue, AfterQuotedValue }

/**
 * Index after the `>` that ends a tag whose attributes start at `from`, or -1 when the file ends
 * first. `/` before `>` (self-closing) needs no state of its own: it changes no boundary.
 */
function attributesEnd(html: string, from: number): number {
  let state = In.BeforeName;
  for (let at = from; at < html.length; at++) {
    const code = html.charCodeAt(at);
    // Outside quotes, '>' ends the tag in every state (before a value: one left out).
    if (code === 0x3e /* > */) return at + 1;
    switch (state) {
      case In.BeforeName:
        if (!isSpace(code) && code !== 0x2f) state = In.Name;
        break;
      case In.Name:
        if (code === 0x3d /* = */) state = In.BeforeValue;
        else if (isSpace(code)) state = In.AfterName;
        else if (code === 0x2f) state = In.BeforeName;
        break;
      case In.AfterName:
        if (code === 0x3d) state = In.BeforeValue;
        else if (code === 0x2f) state = In.BeforeName;
        else if (!isSpace(code)) state = In.Name;
        break;
      case In.BeforeValue:
        if (code === 0x22 /* " */ || code === 0x27 /* ' */) {
          at = html.indexOf(code === 0x22 ? '"' : "'", at + 1);
          if (at < 0) return -1;
          state = In.AfterQuotedValue;
        } else if (!isSpace(code)) {
          state = In.UnquotedValue;
        }
        break;
      case In.UnquotedValue:
        if (isSpace(code)) state = In.BeforeName;
        break;
      case In.AfterQuotedValue:
        // Another attribute may follow without a space between.
        state = isSpace(code) || code === 0x2f ? In.BeforeName : In.Name;
        break;
    }
  }
  return -1;
}

/** Index after the comment whose text starts at `from` (just after `<!--`), or -1 when it runs to the end of the file. */
function commentEnd(html: string, from: number, findCommentEnd: readonly Finder[]): number {
  // '<!-->' and '<!--->' are (empty) comments of their own.
  if (html.charCodeAt(from) === 0x3e) return from + 1;
  if (html.startsWith('->', from)) return from + 2;
  const [dashes, bang] = findCommentEnd.map((find) => find(from));
  if (dashes < 0 && bang < 0) return -1;
  return dashes >= 0 && (bang < 0 || dashes <= bang) ? dashes + 3 : bang + 4;
}

/** The end tag of each raw-text element: `</name`, in any case, then white space, `/` or `>`. */
const END_TAGS: ReadonlyMap<string, RegExp> = new Map([...RAW_TEXT].map((name) => [name, new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'gi')]));

/** Index of the end tag that closes raw-text element `name`, searched from `from`; -1 when there is none. */
function endTagAt(html: string, name: string, from: number): number {
  const pattern = END_TAGS.get(name)!;
  pattern.lastIndex = from;
  return pattern.exec(html)?.index ?? -1;
}

/** Index after the next `char` from `from` on, or -1 when there is none. */
function afterNext(html: string, char: string, from: number): number {
  const at = html.indexOf(char, from);
  return at < 0 ? -1 : at + 1;
}

/** Finds `needle` at or after a position; positions asked for never decrease, so the text is searched once. */
type Finder = (from: number) => number;

function finder(html: string, needle: string): Finder {
  let found = -2; // not searched yet
  return (from) => {
    // Once none is found, none is found later on either.
    if (found !== -1 && found < from) found = html.indexOf(needle, from);
    return found;
  };
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** Tab, line feed, form feed, carriage return (a line feed once a browser has read it) and space. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}

function endsName(code: number): boolean {
  return isSpace(code) || code === 0x2f || code === 0x3e;
}

/**
 * Whether a start tag (`<` to `>`) hides its element as a browser does by default: a `hidden`
 * attribute, or an inline style with `display: none` (Word's "hidden" text in a page it saves is
 * `display:none;mso-hide:all`). `aria-hidden` hides nothing from the eye, and a class may or may
 * not, as the site's style sheet says: both are read.
 */
export function isHiddenTag(tag: string): boolean {
  if (!HIDING_WORD.test(tag)) return false;
  // Attribute names and values, with quoted values whole (a "hidden" inside one names nothing).
  for (const [, name, quoted, single, bare] of tag.slice(1).matchAll(ATTRIBUTE)) {
    const attribute = name.toLowerCase();
    if (attribute === 'hidden') return true;
    if (attribute === 'style' && DISPLAY_NONE.test(quoted ?? single ?? bare ?? '')) return true;
  }
  return false;
}

const HIDING_WORD = /hidden|display/i;
const DISPLAY_NONE = /(?:^|[;\s])display\s*:\s*none\b/i;
/** An attribute after the tag's name: its name, then its value in double quotes, single quotes or none. */
const ATTRIBUTE = /[\s/]([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?/g;
