import { htmlToText } from './html-to-text.js';
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
 * becomes `<br>`, which keeps them apart. Two more things mammoth reads otherwise than Word shows
 * them: a simple field's result (`<w:fldSimple>`, which mammoth drops) is kept as plain runs, and
 * a run of hidden text (`<w:vanish/>` in its properties, which mammoth reads) is dropped. And
 * elements mammoth drops with all they hold: text of a direction (`<w:dir>`, `<w:bdo>`) is kept
 * as plain runs, and a positional tab (`<w:ptab/>`) is a tab. Returns the same string when there
 * is nothing to change.
 */
export function rewriteBreaksInXml(xml: string, hiddenStyles: ReadonlySet<string> = NO_STYLES): string {
  const prefixes = wordPrefixes(xml);
  if (prefixes.size === 0) return xml;
  // Longest first, so that an empty (default namespace) prefix is tried last.
  const names = [...prefixes].sort((a, b) => b.length - a.length).map(escaped).join('|');
  // An element's attributes are unquoted text or quoted values, none holding '<' (XML forbids it
  // there), so that a match never runs past the next tag: one pass over the part, no backtracking
  // beyond one tag.
  const attributes = `((?:[^<>"']|"[^"<]*"|'[^'<]*')*?)`;
  const element = new RegExp(`<(${names})(cr|br)(?=[\\s/>])${attributes}(?:/>|>\\s*</\\1\\2\\s*>)`, 'g');
  const wrapper = new RegExp(`<(${names})(?:fldSimple|dir|bdo)(?=[\\s/>])${attributes}/?>|</(?:${names})(?:fldSimple|dir|bdo)\\s*>`, 'g');
  const positionalTab = new RegExp(`<(${names})ptab(?=[\\s/>])${attributes}(?:/>|>\\s*</\\1ptab\\s*>)`, 'g');
  const rewritten = xml
    .replace(element, (whole, prefix: string, name: string, attributes: string) => (name === 'br' && attributes.trim() === '' ? whole : `<${prefix}br/>`))
    .replace(wrapper, '')
    .replace(positionalTab, (_, prefix: string) => `<${prefix}tab/>`);
  if (hiddenStyles.size > 0) return withoutHiddenRuns(withoutHiddenParagraphs(rewritten, [...prefixes], hiddenStyles), [...prefixes], hiddenStyles);
  return rewritten.includes('vanish') ? withoutHiddenRuns(rewritten, [...prefixes], hiddenStyles) : rewritten;
}

const NO_STYLES: ReadonlySet<string> = new Set();

/** The prefixes (`w:`, or '' for the default namespace) that a part gives the WordprocessingML namespace. */
function wordPrefixes(xml: string): Set<string> {
  const prefixes = new Set<string>();
  for (const [, prefix = '', double, single] of xml.matchAll(DECLARATION)) {
    if (WORDML.has(double ?? single)) prefixes.add(prefix === '' ? '' : `${prefix}:`);
  }
  return prefixes;
}

/**
 * The ids of the styles of a styles part (`word/styles.xml`) that hide their text: their run
 * properties hold `<w:vanish/>`, or they are based on one that does and do not say otherwise.
 */
export function hiddenStylesOf(xml: string): Set<string> {
  const hidden = new Set<string>();
  for (const prefix of wordPrefixes(xml)) {
    const p = escaped(prefix);
    const styles = new Map<string, { basedOn?: string; vanish?: boolean }>();
    for (const [, attributes, body] of xml.matchAll(new RegExp(`<${p}style\\b([^>]*)>([\\s\\S]*?)</${p}style\\s*>`, 'g'))) {
      const id = new RegExp(`${p}styleId\\s*=\\s*["']([^"']*)["']`).exec(attributes)?.[1];
      if (id === undefined) continue;
      const basedOn = new RegExp(`<${p}basedOn\\s[^>]*${p}val\\s*=\\s*["']([^"']*)["']`).exec(body)?.[1];
      const properties = new RegExp(`<${p}rPr(?:\\s[^>]*)?>([\\s\\S]*?)</${p}rPr\\s*>`).exec(body)?.[1] ?? '';
      const vanish = new RegExp(`<${p}vanish\\b([^>]*)/?>`).exec(properties);
      styles.set(id, { basedOn, vanish: vanish ? !/\bval\s*=\s*["'](?:false|0|off)["']/.test(vanish[1]) : undefined });
    }
    const isHidden = (id: string, depth = 0): boolean => {
      const style = styles.get(id);
      if (!style || depth > 20) return false;
      return style.vanish ?? (style.basedOn !== undefined && isHidden(style.basedOn, depth + 1));
    };
    for (const id of styles.keys()) if (isHidden(id)) hidden.add(id);
  }
  return hidden;
}

/** `xml` without its paragraphs whose style hides their text (`<w:pStyle w:val="…"/>` of `hiddenStyles`); a paragraph holding another (in a text box) is left as it is, and the paragraphs in it are looked at. */
function withoutHiddenParagraphs(xml: string, prefixes: readonly string[], hiddenStyles: ReadonlySet<string>): string {
  return withoutElements(xml, prefixes, 'p', true, (prefix, inner) => {
    const style = new RegExp(`<${escaped(prefix)}pStyle\\s[^>]*${escaped(prefix)}val\\s*=\\s*["']([^"']*)["']`).exec(inner)?.[1];
    return style !== undefined && hiddenStyles.has(style) && !new RegExp(`<${escaped(prefix)}p[\\s>]`).test(inner);
  });
}

/** `xml` without its runs of hidden text (`isHiddenRun`). */
function withoutHiddenRuns(xml: string, prefixes: readonly string[], hiddenStyles: ReadonlySet<string>): string {
  return withoutElements(xml, prefixes, 'r', false, (prefix, inner) => isHiddenRun(prefix, inner, hiddenStyles));
}

/**
 * `xml` without the elements `name` (under one of `prefixes`) whose content `isDropped` says to
 * drop, found by their start and end tags in one pass; with `looksInside`, the elements inside one
 * kept are looked at too. One cut short (not well-formed) ends the pass: the rest is left for
 * mammoth to read or refuse.
 */
function withoutElements(xml: string, prefixes: readonly string[], name: string, looksInside: boolean, isDropped: (prefix: string, inner: string) => boolean): string {
  const start = new RegExp(`<(${prefixes.map(escaped).join('|')})${name}(?=[\\s>])`, 'g');
  let out = '';
  let done = 0;
  for (let found = start.exec(xml); found; found = start.exec(xml)) {
    const prefix = found[1];
    const open = xml.indexOf('>', found.index);
    const close = xml.indexOf(`</${prefix}${name}>`, open);
    if (open < 0 || close < 0) break;
    const end = close + `</${prefix}${name}>`.length;
    const isGone = isDropped(prefix, xml.slice(open + 1, close));
    if (isGone) {
      out += xml.slice(done, found.index);
      done = end;
    }
    if (isGone || !looksInside) start.lastIndex = end;
  }
  return done === 0 ? xml : out + xml.slice(done);
}

/** True when a run's content (`inner`, its elements under `prefix`) has hidden text in its properties, or a character style of `hiddenStyles` and no word against it, and holds no run of its own. */
function isHiddenRun(prefix: string, inner: string, hiddenStyles: ReadonlySet<string>): boolean {
  const mayBeHidden = inner.includes('vanish') || (hiddenStyles.size > 0 && inner.includes('rStyle'));
  if (!mayBeHidden || new RegExp(`<${escaped(prefix)}r[\\s>]`).test(inner)) return false;
  // A tracked change's record of the properties before it (`<w:rPrChange>`) is not the run's own: a run hidden before is shown now.
  const own = inner.includes('rPrChange') ? inner.replace(new RegExp(`<${escaped(prefix)}rPrChange\\b[\\s\\S]*?</${escaped(prefix)}rPrChange\\s*>`, 'g'), '') : inner;
  const properties = new RegExp(`<${escaped(prefix)}rPr(?:\\s[^>]*)?>([\\s\\S]*?)</${escaped(prefix)}rPr\\s*>`).exec(own);
  if (properties === null) return false;
  // `<w:vanish/>`, or with a value other than false, 0 or off.
  const vanish = new RegExp(`<${escaped(prefix)}vanish\\b([^>]*)/?>`).exec(properties[1]);
  if (vanish) return !/\bval\s*=\s*["'](?:false|0|off)["']/.test(vanish[1]);
  const style = new RegExp(`<${escaped(prefix)}rStyle\\s[^>]*${escaped(prefix)}val\\s*=\\s*["']([^"']*)["']`).exec(properties[1])?.[1];
  return style !== undefined && hiddenStyles.has(style);
}

function escaped(prefix: string): string {
  return prefix.replace(/[.*+?^${}()|[\]\\\-]/g, '\\$&');
}

/**
 * The bytes of a .docx in which every XML part (so the main document, footnotes, endnotes and
 * comments, whatever their names) has its carriage returns and page and column breaks written as
 * plain line breaks (see `rewriteBreaksInXml`), or the same bytes when no part has one. A part that
 * cannot be unpacked here, or is not UTF-8, is left as it is for mammoth to read or refuse.
 * `entries` are the archive's, from `zipEntries`, already checked against the zip-bomb limits.
 */
export function rewriteBreaks(bytes: Uint8Array, entries: readonly ZipEntry[]): Uint8Array {
  // A Zip64 archive's records are not written again here (mammoth reads it as it is).
  if (entries.some((entry) => entry.isZip64)) return bytes;
  const contents = new Map<string, Uint8Array>();
  // Styles that hide their text hide the runs and paragraphs set in them.
  const stylesEntry = entries.find((entry) => entry.name === 'word/styles.xml');
  const stylesPart = stylesEntry && readZipPart(bytes, stylesEntry);
  const stylesXml = stylesPart && decodeUtf8(stylesPart);
  const hiddenStyles = stylesXml && stylesXml.includes('vanish') ? hiddenStylesOf(stylesXml) : NO_STYLES;
  for (const entry of entries) {
    if (!/\.xml$/i.test(entry.name)) continue;
    const part = readZipPart(bytes, entry);
    const xml = part && decodeUtf8(part);
    if (xml === null) continue;
    const withChunks = xml.includes('altChunk') ? withAltChunks(xml, entry.name, bytes, entries) : xml;
    const rewritten = rewriteBreaksInXml(withChunks, entry.name === 'word/styles.xml' ? NO_STYLES : hiddenStyles);
    if (rewritten !== xml) contents.set(entry.name, new TextEncoder().encode(rewritten));
  }
  return contents.size === 0 ? bytes : replaceZipParts(bytes, entries, contents);
}

/**
 * `xml` (the part `name`) with each alternative format chunk (`<w:altChunk r:id="…"/>`, content
 * in another format that Word shows in place: HTML written into a .docx by a converter) whose
 * part is HTML or plain text written in as paragraphs of its text; mammoth drops such chunks. A
 * chunk of another format (an .mht, .rtf or .docx) is left as it is.
 */
function withAltChunks(xml: string, name: string, bytes: Uint8Array, entries: readonly ZipEntry[]): string {
  const folder = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
  const relsEntry = entries.find((entry) => entry.name === `${folder}_rels/${name.slice(folder.length)}.rels`);
  const rels = relsEntry && readZipPart(bytes, relsEntry);
  const relsXml = rels && decodeUtf8(rels);
  if (!relsXml) return xml;
  const targets = new Map<string, string>();
  for (const [relationship] of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId\s*=\s*["']([^"']*)["']/.exec(relationship)?.[1];
    const target = /\bTarget\s*=\s*["']([^"']*)["']/.exec(relationship)?.[1];
    if (id !== undefined && target !== undefined && /aFChunk["']/.test(relationship)) targets.set(id, target.startsWith('/') ? target.slice(1) : folder + target);
  }
  return xml.replace(/<(\w+:)?altChunk\b([^>]*?)(?:\/>|>[\s\S]*?<\/\1?altChunk\s*>)/g, (whole, prefix = '', attributes: string) => {
    const target = targets.get(/\b\w+:id\s*=\s*["']([^"']*)["']/.exec(attributes)?.[1] ?? '');
    const part = target === undefined ? undefined : entries.find((entry) => entry.name === target);
    const content = part && readZipPart(bytes, part);
    if (!content || !/\.(x?html?|txt)$/i.test(target!)) return whole;
    const text = decodeUtf8(content) ?? new TextDecoder('latin1').decode(content);
    const plain = /\.txt$/i.test(target!) ? text : htmlToText(text).text;
    const escape = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return plain
      .split(/\n{2,}/)
      .filter((paragraph) => paragraph.trim() !== '')
      .map((paragraph) => `<${prefix}p><${prefix}r><${prefix}t xml:space="preserve">${escape(paragraph.replace(/\n/g, ' '))}</${prefix}t></${prefix}r></${prefix}p>`)
      .join('');
  });
}

/** UTF-8 text of `bytes` (a byte order mark kept, so that it is written back), or null when they are not UTF-8 (a UTF-16 part). */
function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
