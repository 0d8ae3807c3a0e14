import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { hiddenStylesOf, rewriteBreaks, rewriteBreaksInXml } from '../../src/ingest/rewrite-breaks.js';
import { readDocx } from '../../src/ingest/read-docx.js';
import { readZipPart, zipEntries } from '../../src/ingest/zip-entries.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/formats/', import.meta.url));
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const part = (runs: string, declaration = W, prefix = 'w:') => `<${prefix}document ${declaration}><${prefix}body><${prefix}p><${prefix}r>${runs}</${prefix}r></${prefix}p></${prefix}body></${prefix}document>`;

describe('rewriteBreaksInXml', () => {
  test.for([
    ['a carriage return', part('<w:t>a</w:t><w:cr/><w:t>b</w:t>'), part('<w:t>a</w:t><w:br/><w:t>b</w:t>')],
    ['a carriage return written with an end tag', part('<w:cr></w:cr>'), part('<w:br/>')],
    ['a page break', part('<w:br w:type="page"/>'), part('<w:br/>')],
    ['a column break, attributes in single quotes and in any order', part("<w:br w:clear='all' w:type='column' />"), part('<w:br/>')],
    ['a break with a `>` in an attribute value', part('<w:br w:type="page" w:x="a>b"/>'), part('<w:br/>')],
    ['another prefix for the namespace', part('<x:cr/>', 'xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"', 'x:'), part('<x:br/>', 'xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"', 'x:')],
    ['the default namespace', part('<cr/>', 'xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"', ''), part('<br/>', 'xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"', '')],
    ['strict Office Open XML', part('<w:cr/>', "xmlns:w='http://purl.oclc.org/ooxml/wordprocessingml/main'"), part('<w:br/>', "xmlns:w='http://purl.oclc.org/ooxml/wordprocessingml/main'")],
  ] as const)('%s becomes a plain line break', ([, xml, expected]) => {
    expect(rewriteBreaksInXml(xml)).toBe(expected);
  });

  test.for([
    ['a plain line break', part('<w:t>a</w:t><w:br/><w:t>b</w:t>')],
    ['a plain line break with an end tag', part('<w:br></w:br>')],
    ['elements whose names only start with cr or br', part('<w:crossRef/><w:brk w:type="page"/>')],
    ['a prefix bound to another namespace', part('<w:cr/>', 'xmlns:w="urn:example:other"')],
    ['escaped text', part('<w:t>&lt;w:cr/&gt;</w:t>')],
    ['a break without its end tag (not well-formed)', part('<w:br w:type="page">')],
  ] as const)('%s is left as it is', ([, xml]) => {
    expect(rewriteBreaksInXml(xml)).toBe(xml);
  });
});

describe('rewriteBreaksInXml: fields and hidden text as Word shows them', () => {
  const body = (content: string) => `<w:document ${W}><w:body><w:p>${content}</w:p></w:body></w:document>`;
  test('a simple field keeps its result as plain runs; a run of hidden text goes, one hidden with val false stays', () => {
    expect(rewriteBreaksInXml(body('<w:r><w:t>Rights of </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD x "><w:r><w:t>refugees</w:t></w:r></w:fldSimple><w:fldSimple w:instr="PAGE"/>'))).toBe(body('<w:r><w:t>Rights of </w:t></w:r><w:r><w:t>refugees</w:t></w:r>'));
    const hidden = '<w:r w:rsidR="00A1"><w:rPr><w:b/><w:vanish/></w:rPr><w:t>Hidden national security.</w:t></w:r>';
    const shown = '<w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>Shown.</w:t></w:r>';
    expect(rewriteBreaksInXml(body(`<w:r><w:t>Visible. </w:t></w:r>${hidden}${shown}`))).toBe(body(`<w:r><w:t>Visible. </w:t></w:r>${shown}`));
    // Hidden text named in the text, not in a run's properties, stays.
    expect(rewriteBreaksInXml(body('<w:r><w:t>vanish</w:t></w:r>'))).toBe(body('<w:r><w:t>vanish</w:t></w:r>'));
  });

  test('a run hidden only before a tracked change is shown; text of a direction is kept as runs; a positional tab is a tab', () => {
    const wasHidden = '<w:r><w:rPr><w:b/><w:rPrChange w:id="1" w:author="A"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t>Shown now.</w:t></w:r>';
    expect(rewriteBreaksInXml(body(wasHidden))).toBe(body(wasHidden));
    const stillHidden = '<w:r><w:rPr><w:vanish/><w:rPrChange w:id="2"><w:rPr/></w:rPrChange></w:rPr><w:t>Hidden.</w:t></w:r>';
    expect(rewriteBreaksInXml(body(`${stillHidden}<w:r><w:t>Kept.</w:t></w:r>`))).toBe(body('<w:r><w:t>Kept.</w:t></w:r>'));
    expect(rewriteBreaksInXml(body('<w:r><w:t>Start </w:t></w:r><w:dir w:val="rtl"><w:r><w:t>refugees</w:t></w:r></w:dir><w:bdo w:val="ltr"><w:r><w:t> need</w:t></w:r></w:bdo>'))).toBe(body('<w:r><w:t>Start </w:t></w:r><w:r><w:t>refugees</w:t></w:r><w:r><w:t> need</w:t></w:r>'));
    expect(rewriteBreaksInXml(body('<w:r><w:t>border</w:t><w:ptab w:relativeTo="margin" w:alignment="center" w:leader="none"/><w:t>control</w:t></w:r>'))).toBe(body('<w:r><w:t>border</w:t><w:tab/><w:t>control</w:t></w:r>'));
  });
});

describe('rewriteBreaksInXml: text hidden by its style', () => {
  const styles = `<w:styles ${W}><w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/><w:rPr><w:vanish/></w:rPr></w:style><w:style w:type="character" w:styleId="MoreSecret"><w:basedOn w:val="Secret"/></w:style><w:style w:type="character" w:styleId="Shown"><w:basedOn w:val="Secret"/><w:rPr><w:vanish w:val="0"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="HiddenPara"><w:rPr><w:vanish/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Normal"/></w:styles>`;
  const body = (content: string) => `<w:document ${W}><w:body>${content}</w:body></w:document>`;

  test('a style that hides, or is based on one that does and does not say otherwise, hides', () => {
    expect([...hiddenStylesOf(styles)].sort()).toEqual(['HiddenPara', 'MoreSecret', 'Secret']);
  });

  test('runs set in a hiding character style and paragraphs in a hiding paragraph style go; a run that says it is shown stays', () => {
    const hidden = hiddenStylesOf(styles);
    const run = (style: string, text: string, extra = '') => `<w:r><w:rPr><w:rStyle w:val="${style}"/>${extra}</w:rPr><w:t>${text}</w:t></w:r>`;
    const xml = body(`<w:p><w:r><w:t>Visible.</w:t></w:r>${run('Secret', 'Hidden terrorism.')}${run('MoreSecret', 'Also hidden.')}${run('Shown', 'Shown.')}${run('Secret', 'Shown anyway.', '<w:vanish w:val="false"/>')}</w:p><w:p><w:pPr><w:pStyle w:val="HiddenPara"/></w:pPr><w:r><w:t>Hidden paragraph.</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t>Last.</w:t></w:r></w:p>`);
    expect(rewriteBreaksInXml(xml, hidden)).toBe(body(`<w:p><w:r><w:t>Visible.</w:t></w:r>${run('Shown', 'Shown.')}${run('Secret', 'Shown anyway.', '<w:vanish w:val="false"/>')}</w:p><w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t>Last.</w:t></w:r></w:p>`));
  });
});

describe('rewriteBreaks', () => {
  const load = async (name: string) => new Uint8Array(await readFile(join(FIXTURES, name)));

  test('a .docx without carriage returns or typed breaks is passed on as the same bytes', async () => {
    const bytes = await load('note.docx');
    expect(rewriteBreaks(bytes, zipEntries(bytes)!)).toBe(bytes);
  });

  test.for(['breaks.docx', 'streamed-breaks.docx'])('%s: the rewritten archive keeps every entry, and only the parts with breaks change', async (name) => {
    const bytes = await load(name);
    const before = zipEntries(bytes)!;
    const rewritten = rewriteBreaks(bytes, before);
    const after = zipEntries(rewritten)!;
    expect(after.map((entry) => entry.name)).toEqual(before.map((entry) => entry.name));
    const text = (entries: typeof before, from: Uint8Array) => entries.map((entry) => new TextDecoder().decode(readZipPart(from, entry)!));
    const expected = text(before, bytes).map(rewriteBreaksInXml);
    expect(text(after, rewritten)).toEqual(expected);
    expect(expected.filter((xml, i) => xml !== text(before, bytes)[i]).length).toBe(3); // document, footnotes, endnotes
  });

  test('a .docx whose main part does not unpack is still reported as damaged, not thrown', async () => {
    const bytes = await load('breaks.docx');
    const main = zipEntries(bytes)!.find((entry) => entry.name === 'word/document.xml')!;
    const start = main.headerOffset + 30 + main.name.length;
    bytes.fill(0xff, start, start + main.compressedSize);
    expect(await readDocx(bytes)).toMatchObject({ code: 'FILE_CORRUPT' });
  });
});
