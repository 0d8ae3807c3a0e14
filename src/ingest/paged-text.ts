import { joinHyphenated } from './join-hyphenated.js';
import { linesText, type PdfLine } from './pdf-layout.js';
import { withoutRunningLines } from './running-lines.js';

/** Points a line of plain text counts as, to place its lines as a PDF's are placed. */
const LINE_PITCH = 12;
const PLAIN_TEXT = { isWordBreakByDefault: false };

/**
 * Plain text as its reader follows it. Text whose pages are parted by form feeds (as pdftotext
 * writes it) loses its running headers, footers and page numbers, and its pages are joined as a
 * PDF's are (`withoutRunningLines`, `linesText`). In any text, a word hyphenated at a line end
 * is joined where the document writes it whole elsewhere ("protec-" / "tion": protection); the
 * other line-end hyphens of plain text are mostly a compound's own ("high-" / "level") and stay.
 */
export function plainText(text: string): string {
  // Soft hyphens inside lines show nothing: gone before words are joined, so "mi\u00adgra\u00adtion" is the word the join looks for; one at a line end is where a word breaks.
  const shown = text.includes('\u00ad') ? text.replace(/\u00ad(?![ \t]*(?:\n|\f|$))/g, '') : text;
  if (!shown.includes('\f')) return joinHyphenated(shown, PLAIN_TEXT);
  return linesText(withoutRunningLines(shown.split('\f').map(pageLinesOfText)), PLAIN_TEXT);
}

/** The lines of one page of plain text, each placed `LINE_PITCH` below the one before (blank lines count); a blank line starts a paragraph. */
function pageLinesOfText(page: string): PdfLine[] {
  const lines: PdfLine[] = [];
  let isParagraphStart = false;
  page.split('\n').forEach((raw, index) => {
    const text = raw.trim();
    if (text === '') isParagraphStart = lines.length > 0;
    else {
      lines.push({ text, y: -LINE_PITCH * index, isParagraphStart });
      isParagraphStart = false;
    }
  });
  return lines;
}
