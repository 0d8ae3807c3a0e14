import { beforeAll, describe, expect, test } from 'vitest';
import { htmlToText, markdownToText, sourceFromBytes } from '../../src/ingest/index.js';
import { BUNDLED_LEXICONS, loadScorer, scoreText, type Scorer } from '../../src/pipeline/index.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = (await loadScorer(BUNDLED_LEXICONS)).scorer!;
});

const textOf = async (content: string, name: string) => {
  const read = await sourceFromBytes(new TextEncoder().encode(content), name, name);
  if (!read.doc) throw new Error(read.issue.message);
  return read.doc.text;
};

describe('the text as a reader sees it', () => {
  test.for(['a.txt', 'a.md', 'a.html'])('%s: soft hyphens and zero-width characters are removed, ligatures written out', async (name) => {
    expect(await textOf('Applications for asy\u00adlum seekers; bor\u200bder con\u200dtrol; the \ufb01rst con\ufb02ict.', name)).toBe('Applications for asylum seekers; border control; the first conflict.');
  });

  test('a title holds no control characters: they are spaces, in a first line and in a file name', async () => {
    const read = async (content: string, name: string) => (await sourceFromBytes(new TextEncoder().encode(content), name, name)).doc?.title;
    const body = 'The Union will strengthen border management and protect the rights of people in need. '.repeat(3);
    expect(await read(`Border\u0001 policy\u0007\n\n${body}`, 'a.txt')).toBe('Border policy');
    expect(await read('The Union will strengthen\nborder management and asylum.', 'bell\u0007.txt')).toBe('bell .txt');
  });

  test('a text scored without a file reads line ends as a file does, Unicode\'s separators too', async () => {
    const text = 'Border control\u2029The Union will strengthen border\u2028management.';
    const file = await sourceFromBytes(new TextEncoder().encode(text), 'a.txt', 'a.txt');
    const scored = scoreText(text, scorer, 'a.txt');
    expect(scored.doc.text).toBe(file.doc!.text);
    expect(scored.row.title).toBe(file.doc!.title);
    expect(scored.doc.hits.map((hit) => hit.entryId)).toContain('border management');
  });

  test('a text scored without a file (evaluate, the library) is read as a file is', () => {
    expect(scoreText('Applications by asy\u00adlum seekers rose.', scorer).doc.hits.map((hit) => hit.entryId)).toContain('asylum seeker');
  });

  test('HTML: only <main> when the page has one; navigation menus never', () => {
    const page = '<html><head><title>T</title></head><body><nav><a>Border control</a></nav><header>Border surveillance</header><main><p>Refugees need protection.</p></main><footer>Frontex</footer></body></html>';
    expect(htmlToText(page).text).toBe('Refugees need protection.');
    expect(htmlToText('<body><nav>Border control</nav><p>Refugees need protection.</p><footer>Frontex</footer></body>').text).toBe('Refugees need protection.\n\nFrontex');
  });

  test('HTML: a capital letter\'s entity stays a capital; &#128;–&#159; are Windows-1252, as browsers read them', () => {
    expect(htmlToText('<title>Caf&eacute; &amp; &Eacute;tat</title><p>the state&#146;s duty &#150; &oacute;&ntilde;</p>')).toEqual({ title: 'Café & État', text: 'the state’s duty – óñ' });
  });

  test('HTML: a head without </head> ends where the body starts; the title is never one in a comment or a drawing; form and disclosure elements are blocks', () => {
    expect(htmlToText('<!-- <title>Old Draft</title> --><html><head><title>Real Title</title><body><p>Refugees need protection.</p><details><summary>border</summary>control</details></body></html>')).toEqual({ title: 'Real Title', text: 'Refugees need protection.\n\nborder\n\ncontrol' });
    expect(htmlToText('<body><svg><title>Icon</title></svg><h1>Real Heading</h1><p>Text.</p></body>').title).toBe('Real Heading');
  });

  test('Markdown: a footnote keeps its text, not its marker; TOML front matter is left out', () => {
    expect(markdownToText('+++\ntitle = "Border"\n+++\nRefugees need protection.[^1]\n\n[^1]: Footnote on border control.\n[ref]: https://example.org\n').text).toBe('Refugees need protection.\n\nFootnote on border control.');
  });

  test('.docx that is an OLE compound file (a password-protected Word file) is reported as such', async () => {
    const read = await sourceFromBytes(Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)), 'locked.docx', 'locked.docx');
    expect(read.issue).toMatchObject({ code: 'FILE_ENCRYPTED', file: 'locked.docx' });
  });

  test('an old Word 97–2003 .doc with a .docx name (a compound file holding a WordDocument stream) is named as such, not as password-protected', async () => {
    const header = Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504));
    const stream = (name: string) => new Uint8Array(Buffer.from(name, 'utf16le'));
    const doc = await sourceFromBytes(new Uint8Array([...header, ...stream('Root Entry'), ...stream('WordDocument'), ...new Uint8Array(64)]), 'old.docx', 'old.docx');
    expect(doc.issue).toMatchObject({ code: 'FILE_CORRUPT', file: 'old.docx' });
    expect(doc.issue?.message).toContain('an old Word 97–2003 .doc');
    const encrypted = await sourceFromBytes(new Uint8Array([...header, ...stream('EncryptionInfo'), ...stream('EncryptedPackage'), ...stream('WordDocument')]), 'e.docx', 'e.docx');
    expect(encrypted.issue).toMatchObject({ code: 'FILE_ENCRYPTED' });
  });

  test('Markdown: a fence closes on a line of the same mark, at least as long, alone (CommonMark); a comment or fence left open leaves the text after it', () => {
    expect(markdownToText('````\ncode\n```\nmore code\n````\nProse.').text).toBe('Prose.');
    expect(markdownToText('```\ncode\n~~~\nmore code\n`````\nProse.').text).toBe('Prose.');
    // No line closes four backticks: no block, its lines are text.
    expect(markdownToText('````x\ncode\n```\nProse.').text).toBe('code\n\nProse.');
    // A line that opens with inline code of three backticks is prose, not a fence (CommonMark: a backtick fence's info string holds no backtick).
    expect(markdownToText('```npm install``` sets it up.\n\nRefugees need protection.\n\n```\nx = 1\n```\n\nEnd.').text).toBe('npm install sets it up.\n\nRefugees need protection.\n\nEnd.');
    // Fences alone on their lines pair up, however many.
    expect(markdownToText(`Security threat.\n\n${'```\n'.repeat(60_000)}`).text).toBe('Security threat.');
    expect(markdownToText('```\nnever closed\n\nProse.').text).toBe('never closed\n\nProse.');
    expect(markdownToText('A <!-- gone --> b <!-- open\n\nProse.').text).toBe('A b <!-- open\n\nProse.');
  });

  test('Markdown: fenced code inside a blockquote is not prose; it closes inside the same blockquote, or ends with it', () => {
    expect(markdownToText('> The Pact protects refugees.\n>\n> ```\n> border control\n> ```\n>\n> Rights matter.').text).toBe('The Pact protects refugees.\n\nRights matter.');
    // Nested blockquotes: the fence closes at its own depth, and every marker goes from the prose.
    expect(markdownToText('>> Quoted twice.\n>> ~~~\n>> state security\n>> ~~~\n>> Dignity.').text).toBe('Quoted twice.\n\nDignity.');
    // A fence of the blockquote is not closed by one after it ends (a line without `>` ends it): it ends with its blockquote (CommonMark).
    expect(markdownToText('> ```\n> inside\n\n```\noutside\n```\nProse.').text).toBe('Prose.');
    expect(markdownToText('> Refugees wait.\n> ```\n> border control\n\nProse.').text).toBe('Refugees wait.\n\nProse.');
    expect(markdownToText('>> ```\n>> code\n> Dignity.\n> ```\n> Rights.').text).toBe('Dignity.\n\nRights.');
    // One left open in a blockquote that goes on to the end is no block: its text is kept.
    expect(markdownToText('> Refugees wait.\n> ```\n> never closed').text).toBe('Refugees wait.\n\nnever closed');
    // Lines starting with `>` inside a fence at the top level are code.
    expect(markdownToText('```\n> border\n> ```\n```\nProse.').text).toBe('Prose.');
    // A blockquote in a list item is indented; four spaces after the `>` make a fence a line of text.
    expect(markdownToText('1. Item about refugees.\n\n    > ```\n    > border control and state security\n    > ```\n\nAfter.').text).toBe('Item about refugees.\n\nAfter.');
    expect(markdownToText('> The border is closed.\n>     ```\n> Refugees wait in the cold.\n> ```').text).toBe('The border is closed.\n\nRefugees wait in the cold.');
    // Thousands of fences at alternating depths take linear time.
    expect(markdownToText(`${'> ```\n```\n'.repeat(50_000)}Security threat.`).text).toBe('Security threat.');
  });

  test('Markdown: a table divider of any number of cells is no text (one of 1.5 million cells overflowed a pattern)', () => {
    expect(markdownToText(`|${'---|'.repeat(1_500_000)}\n\nText.`).text).toBe('Text.');
    expect(markdownToText('| a | b |\n| :--- | ---: |\n| c | d |').text).toBe('a\n\nb\n\nc\n\nd');
  });

  test('Markdown: a heading loses the spaces and #s that close it; "#" alone after the space is a title', () => {
    expect(markdownToText('# Border  ##  \nText.')).toEqual({ text: 'Border\n\nText.', title: 'Border' });
    expect(markdownToText('# #\n\n## Rights #\nText.')).toEqual({ text: 'Rights\n\nText.', title: '#' });
    expect(markdownToText('####### Seven\n\n#\tTab').title).toBe('Tab');
    // Indented by up to three spaces, as CommonMark allows.
    expect(markdownToText('   ## Border policy\nText here.')).toEqual({ text: 'Border policy\n\nText here.', title: 'Border policy' });
  });

  test('Markdown: fenced code is not prose (nor its "# comment" a title); table cells are paragraphs of their own', () => {
    const { text, title } = markdownToText('Refugees need protection.\n\n```sh\n# install tool\nborder control\n```\n\n| A | B |\n|---|---|\n| border | control |\n');
    expect(title).toBe('');
    expect(text).toBe('Refugees need protection.\n\nA\n\nB\n\nborder\n\ncontrol');
  });
});

test('HTML: a footnote number in <sup> is set apart from its word; a title without <head> and the fallback text of media are not scored', () => {
  expect(htmlToText('<p>the human rights<sup>3</sup> and dignity<sup><a href="#n4">4</a></sup> of refugees; H<sub>2</sub>O</p>').text).toBe('the human rights 3 and dignity 4 of refugees; H 2 O');
  expect(htmlToText('<!DOCTYPE html><title>Border control policy</title><p>Refugees need protection.</p>')).toEqual({ title: 'Border control policy', text: 'Refugees need protection.' });
  expect(htmlToText('<p>A word</p><video src="v.mp4">Your browser does not support the video tag.</video><audio>No audio.</audio><p>next</p>').text).toBe('A word\n\nnext');
});

test('Markdown: list items, headings and table cells are paragraphs of their own, HTML breaks as a browser shows it, escapes are read, and the first heading is the title', () => {
  const markdown = [
    'New Pact on Migration',
    '=====================',
    '',
    '- Asylum and return',
    '- Procedures at the border',
    'Source: arrivals at the external border',
    '## Security of migrants',
    '',
    'Measure | Aim',
    '--- | ---',
    'Border | Control of arrivals',
    '',
    '| Border control<br>Human rights | <div>National security</div><div>Human rights</div> |',
    '',
    "people\\'s security and human rights<sup>1</sup> \\*apply\\*.",
    '',
  ].join('\n');
  expect(markdownToText(markdown)).toEqual({
    title: 'New Pact on Migration',
    text: [
      // A line right after a list item goes on with it (CommonMark's lazy continuation); a heading right after a line does not.
      'New Pact on Migration', 'Asylum and return', 'Procedures at the border\nSource: arrivals at the external border', 'Security of migrants',
      'Measure', 'Aim', 'Border', 'Control of arrivals', 'Border control', 'Human rights', 'National security', 'Human rights',
      "people's security and human rights 1 *apply*.",
    ].join('\n\n'),
  });
  expect(markdownToText('Intro line\n\n# First\n\nText.\n\nLater\n=====\n').title).toBe('First');
});

test('HTML: line breaks of the page source are spaces, as a browser shows them, but in <pre>', () => {
  expect(htmlToText('<p>The protection of\n\n  refugees is a duty.</p>\n<pre>Border\n\ncontrol</pre>').text).toBe('The protection of refugees is a duty.\n\nBorder\n\ncontrol');
});

describe('Markdown: HTML in it', () => {
  test('script and style are code, not prose; "<" before a digit or a space is text, not a tag; a footnote mark is set apart on both sides', () => {
    const markdown = 'Intro.\n\n<script>terrorism and border control</script>\n\n<STYLE type="text/css">p {}</STYLE>\n\nIncomes < 2 dollars and > 1 dollar. Children aged <5 and adults >60. <sup>1</sup>Terrorism.\n\n<script>never closed\n\nEnd.';
    expect(markdownToText(markdown).text).toBe('Intro.\n\nIncomes < 2 dollars and > 1 dollar. Children aged <5 and adults >60. 1 Terrorism.\n\nnever closed\n\nEnd.');
    // Thousands left open take linear time.
    expect(markdownToText(`${'<script>x '.repeat(50_000)}Border.`).text.endsWith('Border.')).toBe(true);
  });
});
