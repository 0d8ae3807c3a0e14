/** The inside of a tag: quoted attribute values may hold `>`. */
const TAG_BODY = `(?:[^>"']|"[^"]*"|'[^']*')*`;
/** Elements whose content is never visible text. */
const HIDDEN = new RegExp(`<(script|style|head|template|noscript|svg|iframe|object)\\b${TAG_BODY}>[\\s\\S]*?<\\/\\1\\s*>`, 'gi');
/** Elements that start a new paragraph. */
const BLOCK = new RegExp(`<\\/?(p|div|h[1-6]|li|ul|ol|table|tr|td|th|section|article|header|footer|nav|aside|main|blockquote|pre|dl|dt|dd|figure|figcaption|form|fieldset|address|hr|title)\\b${TAG_BODY}>`, 'gi');
/** Any other tag. */
const TAG = new RegExp(`<\\/?[a-zA-Z!]${TAG_BODY}>`, 'g');

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', shy: '\u00ad', euro: '€',
  pound: '£', copy: '©', reg: '®', deg: '°', sect: '§', para: '¶', middot: '·', bull: '•', times: '×',
  eacute: 'é', egrave: 'è', agrave: 'à', aacute: 'á', ccedil: 'ç', ouml: 'ö', uuml: 'ü', auml: 'ä', szlig: 'ß',
};

/** Decode HTML character references (named ones in common use, and all numeric ones). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Visible text of an HTML page: no script, style or head; block elements become paragraph breaks. */
export function htmlToText(html: string): { text: string; title: string } {
  const candidates = [/<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html), /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html)];
  const title = candidates.map((match) => (match ? collapse(decodeEntities(match[1].replace(TAG, ''))) : '')).find(Boolean) ?? '';
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')
    .replace(HIDDEN, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(BLOCK, '\n\n')
    .replace(TAG, '');
  return { text: tidyParagraphs(decodeEntities(text)), title };
}

/** Collapse runs of spaces inside lines and keep at most one blank line between paragraphs. */
export function tidyParagraphs(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
