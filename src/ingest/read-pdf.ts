import type { Converted } from './read-docx.js';
import { tidyParagraphs } from './html-to-text.js';
import { linesText, pageLines, type PdfLine, type PdfTextItem } from './pdf-layout.js';
import { withoutRunningLines } from './running-lines.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/**
 * Text layer of a PDF (pdfjs-dist), as its reader follows it (`pdf-layout.ts`): paragraphs
 * found from vertical gaps between lines, running headers, footers and page numbers left out,
 * words hyphenated at a line end joined. Encrypted, corrupt and image-only PDFs come back as
 * issues.
 */
export async function readPdf(bytes: Uint8Array): Promise<Converted> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument } = await pdfjs;
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: true });
  try {
    const pdf = await task.promise;
    const pages: PdfLine[][] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      pages.push(pageLines([...(content.items.filter((item) => 'str' in item) as PdfTextItem[]), ...formFieldItems(await page.getAnnotations().catch(() => []))]));
      page.cleanup();
    }
    const text = linesText(withoutRunningLines(pages)).trim();
    if (!/\p{L}/u.test(text)) return { code: 'FILE_NO_TEXT', problem: `PDF has no text layer (${pdf.numPages} page(s), image-only?): run OCR first` };
    const info = (await pdf.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' && !isFileNameTitle(info.Title.trim()) ? info.Title.trim() : '';
    // A scanned document with a few words of text layer (a stamp, a cover page) would be scored as those words alone.
    const blank = pages.filter((lines) => !lines.some((line) => /\p{L}/u.test(line.text))).length;
    const pagesWithoutText = blank >= 2 && blank >= pages.length / 2 ? `${blank} of its ${pages.length} pages have no text layer (scanned images?): only the text of the others is scored; run OCR first to score them` : undefined;
    return { text: tidyParagraphs(text), title, encoding: 'pdf', ...(pagesWithoutText && { pagesWithoutText }) };
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') return { code: 'FILE_ENCRYPTED', problem: 'PDF is encrypted with a password; cannot read its text' };
    return { code: 'FILE_CORRUPT', problem: `cannot read PDF: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await task.destroy();
  }
}

/**
 * The filled-in values of a page's form fields (text fields, and the choices made in lists) as
 * text items where the fields are: a viewer shows them, the page's own text layer does not hold
 * them. A line of a value is an item of its own, one field height apart.
 */
function formFieldItems(annotations: readonly unknown[]): PdfTextItem[] {
  const items: PdfTextItem[] = [];
  for (const annotation of annotations as { subtype?: string; fieldType?: string; fieldValue?: unknown; rect?: number[]; hidden?: boolean }[]) {
    if (annotation.subtype !== 'Widget' || annotation.hidden || !annotation.rect || (annotation.fieldType !== 'Tx' && annotation.fieldType !== 'Ch')) continue;
    const values = Array.isArray(annotation.fieldValue) ? annotation.fieldValue : [annotation.fieldValue];
    const lines = values.filter((value): value is string => typeof value === 'string').flatMap((value) => value.split(/\r\n?|\n/)).filter((line) => /\p{L}/u.test(line));
    const [left, bottom, , top] = annotation.rect;
    // Set at a usual text size, from the field's top down.
    const size = Math.min(12, Math.max(6, top - bottom));
    lines.forEach((line, k) => items.push({ str: line, hasEOL: true, transform: [size, 0, 0, size, left, top - size * (k + 1)], height: size }));
  }
  return items;
}

/** A metadata title that only names the file the PDF was made from ("Microsoft Word - draft_v3.docx"), which says nothing of the document. */
function isFileNameTitle(title: string): boolean {
  return /^Microsoft (Word|PowerPoint) - /i.test(title) || /\.(docx?|rtf|odt|pptx?|indd|pdf|txt|html?|xhtml|md)$/i.test(title);
}
