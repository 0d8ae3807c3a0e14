import type { Converted } from './read-docx.js';
import { tidyParagraphs } from './html-to-text.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/** A gap between lines larger than this many line heights starts a new paragraph. */
const PARAGRAPH_GAP = 1.6;

/** The parts of a pdfjs text item used here. */
interface TextItem {
  readonly str: string;
  readonly hasEOL: boolean;
  readonly transform: number[];
  readonly height: number;
}

/**
 * Text layer of a PDF (pdfjs-dist): pages are separated by a blank line, and so are
 * paragraphs, found from vertical gaps between lines. Encrypted, corrupt and image-only
 * PDFs come back as issues.
 */
export async function readPdf(bytes: Uint8Array): Promise<Converted> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument } = await pdfjs;
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: true });
  try {
    const pdf = await task.promise;
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      pages.push(pageText(content.items.filter((item) => 'str' in item) as TextItem[]));
      page.cleanup();
    }
    const text = pages.join('\n\n').trim();
    if (!/\p{L}/u.test(text)) return { code: 'FILE_NO_TEXT', problem: `PDF has no text layer (${pdf.numPages} page(s), image-only?): run OCR first` };
    const info = (await pdf.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' && !isFileNameTitle(info.Title.trim()) ? info.Title.trim() : '';
    return { text: tidyParagraphs(text), title, encoding: 'pdf' };
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') return { code: 'FILE_ENCRYPTED', problem: 'PDF is encrypted with a password; cannot read its text' };
    return { code: 'FILE_CORRUPT', problem: `cannot read PDF: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await task.destroy();
  }
}

function pageText(items: readonly TextItem[]): string {
  let text = '';
  let lastY: number | undefined;
  let lineHeight = 0;
  for (const item of items) {
    const y = item.transform[5];
    if (lastY !== undefined && text !== '' && !text.endsWith('\n') && Math.abs(y - lastY) > 1) text += '\n';
    if (lastY !== undefined && lineHeight > 0 && lastY - y > lineHeight * PARAGRAPH_GAP && !text.endsWith('\n\n')) text = `${text.replace(/\n?$/, '')}\n\n`;
    text += item.str;
    if (item.hasEOL) text += '\n';
    if (item.height > 0) lineHeight = item.height;
    lastY = y;
  }
  return text;
}

/** A metadata title that only names the file the PDF was made from ("Microsoft Word - draft_v3.docx"), which says nothing of the document. */
function isFileNameTitle(title: string): boolean {
  return /^Microsoft (Word|PowerPoint) - /i.test(title) || /\.(docx?|rtf|odt|pptx?|indd|pdf|txt)$/i.test(title);
}
