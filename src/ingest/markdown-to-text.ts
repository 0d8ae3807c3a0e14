import { decodeEntities, tidyParagraphs } from './html-to-text.js';

/** An image (`![alt](address)`), a link (`[text](address)`, its text kept) and an HTML tag; see `markdownToText` on why they take the brackets they do. */
const IMAGE = /!\[[^[\]]*\]\((?:[^()\n]|\([^()\n]*\))*\)/g;
const LINK = /\[([^[\]]*)\]\((?:[^()\n]|\([^()\n]*\))*\)/g;
const TAG = /<[^<>\n]+>/g;

/** Plain text of a Markdown document: front matter (YAML or TOML), fenced code, markup, links, images, footnote markers and HTML removed; footnotes kept; table cells become paragraphs. */
export function markdownToText(markdown: string): { text: string; title: string } {
  // Front matter and fenced code (not prose: a "# comment" in it is no heading) go first.
  const body = markdown.replace(/^(---\n[\s\S]*?\n(---|\.\.\.)|\+\+\+\n[\s\S]*?\n\+\+\+)\n/, '').replace(/^[ \t]*(`{3,}|~{3,})[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$/gm, '');
  // The first heading, `#` or underlined with `=`, whichever comes first.
  const headings = [/^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(body), /^(.+)\n=+[ \t]*$/m.exec(body)].filter((found) => found !== null);
  const heading = headings.sort((a, b) => a.index - b.index)[0];
  // A link's text or a tag never holds another bracket of its kind, and a link's address at most
  // one pair of parentheses, on one line: so each search stops at the next bracket, and thousands
  // left open take linear time, not quadratic.
  const text = body
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^(```|~~~).*$/gm, '')
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
    .replace(/<su[pb]\b[^<>\n]*>/gi, ' ')
    .replace(TAG, '')
    // A heading is a paragraph of its own, even with no blank line before or after it.
    .replace(/^#{1,6}[ \t]+(.*?)[ \t#]*$/gm, '\n\n$1\n\n')
    .replace(/^[ \t]*>[ \t]?/gm, '')
    .replace(/^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/gm, '')
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

/** Inline markup of one line removed: links keep their text, emphasis and code marks go. */
function collapseInline(line: string): string {
  return decodeEntities(line.replace(IMAGE, '').replace(LINK, '$1').replace(TAG, '').replace(/[*_`]/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}
