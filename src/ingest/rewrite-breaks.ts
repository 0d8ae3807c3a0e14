import { replaceZipParts } from './replace-zip-parts.js';
import { readZipPart, type ZipEntry } from './zip-entries.js';

/** The WordprocessingML namespace, transitional and strict (ISO/IEC 29500), as mammoth reads both. */
const WORDML = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
/** A namespace declaration: `xmlns:w="…"`, or `xmlns="…"` for the default namespace. */
const DECLARATION = /\bxmlns(?::([^\s=/>:]+))?\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;

/**
 * An XML part with each carriage return (`<w:cr/>`) and each page, column or other typed break
 * (`<w:br w:type="page"/>`) written as a plain line break (`<w:br/>`), under whatever prefix the
 * part gives the WordprocessingML namespace. mammoth ignores `w:cr` and drops page and column
 * breaks, which glued the words on either side together ("needprotection"); a plain break
 * becomes `<br>`, which keeps them apart. Returns the same string when there is nothing to change.
 */
export function rewriteBreaksInXml(xml: string): string {
  const prefixes = new Set<string>();
  for (const [, prefix = '', double, single] of xml.matchAll(DECLARATION)) {
    if (WORDML.has(double ?? single)) prefixes.add(prefix === '' ? '' : `${prefix}:`);
  }
  if (prefixes.size === 0) return xml;
  // Longest first, so that an empty (default namespace) prefix is tried last.
  const names = [...prefixes].sort((a, b) => b.length - a.length).map((prefix) => prefix.replace(/[.*+?^${}()|[\]\\\-]/g, '\\$&')).join('|');
  // An element's attributes are unquoted text or quoted values, none holding '<' (XML forbids it
  // there), so that a match never runs past the next tag: one pass over the part, no backtracking
  // beyond one tag.
  const element = new RegExp(`<(${names})(cr|br)(?=[\\s/>])((?:[^<>"']|"[^"<]*"|'[^'<]*')*?)(?:/>|>\\s*</\\1\\2\\s*>)`, 'g');
  return xml.replace(element, (whole, prefix: string, name: string, attributes: string) => (name === 'br' && attributes.trim() === '' ? whole : `<${prefix}br/>`));
}

/**
 * The bytes of a .docx in which every XML part (so the main document, footnotes, endnotes and
 * comments, whatever their names) has its carriage returns and page and column breaks written as
 * plain line breaks (see `rewriteBreaksInXml`), or the same bytes when no part has one. A part that
 * cannot be unpacked here, or is not UTF-8, is left as it is for mammoth to read or refuse.
 * `entries` are the archive's, from `zipEntries`, already checked against the zip-bomb limits.
 */
export function rewriteBreaks(bytes: Uint8Array, entries: readonly ZipEntry[]): Uint8Array {
  const contents = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (!/\.xml$/i.test(entry.name)) continue;
    const part = readZipPart(bytes, entry);
    const xml = part && decodeUtf8(part);
    if (xml === null) continue;
    const rewritten = rewriteBreaksInXml(xml);
    if (rewritten !== xml) contents.set(entry.name, new TextEncoder().encode(rewritten));
  }
  return contents.size === 0 ? bytes : replaceZipParts(bytes, entries, contents);
}

/** UTF-8 text of `bytes` (a byte order mark kept, so that it is written back), or null when they are not UTF-8 (a UTF-16 part). */
function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
