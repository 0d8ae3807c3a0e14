import { describe, expect, test } from 'vitest';
import { htmlToText, sourceFromBytes } from '../../src/ingest/index.js';

describe('htmlToText: tags as a browser reads them', () => {
  test.for([
    // The apostrophe opened a quoted value that ran to the next apostrophe, swallowing the text between.
    ['an apostrophe in an unquoted value', "<p><img alt=Europe's src=map.png>Refugees need protection.</p><p>The state's <b>duty</b>.</p>", "Refugees need protection.\n\nThe state's duty."],
    ['a quote in an unquoted value', '<p><img alt=5" wide src=x.png>Refugees need protection.</p><p><a href="/x">Border control</a>.</p>', 'Refugees need protection.\n\nBorder control.'],
    ['> in double- and single-quoted values', `<p title="a > b" data-x='c > d'>Visible words</p>`, 'Visible words'],
    ['an unterminated double quote at the end of the file', '<p>Refugees need protection.</p><img alt="unterminated', 'Refugees need protection.'],
    ['an unterminated single quote at the end of the file', "<p>Refugees need protection.</p><img alt='it", 'Refugees need protection.'],
    ['a script never closed', '<p>Refugees need protection.</p><script>var never = "closed";', 'Refugees need protection.'],
    ['an end tag with a space, an empty end tag, an XML declaration', '<?xml version="1.0"?><p>Border</ p> control</>.</p>', 'Border control.'],
    ['a line break with attributes, and </br>', '<p>Refugees<br class="x">need</br>protection.</p>', 'Refugees\nneed\nprotection.'],
  ] as const)('%s', ([, html, text]) => {
    expect(htmlToText(html).text).toBe(text);
  });

  test('a page whose text was swallowed by an apostrophe is read, not FILE_NO_TEXT', async () => {
    const page = "<img alt=Europe's src=map.png><span>Refugees need protection.</span> <span>The state's duty.</span>";
    const read = await sourceFromBytes(new TextEncoder().encode(page), 'page.html', 'page.html');
    expect(read.doc?.text).toBe("Refugees need protection. The state's duty.");
  });

  // 200,000 characters of markup that never closes (in one row, closed by the last character): a
  // pattern tried again from every '<' takes time that grows with the square of the length; one
  // pass reads them at once. Only the result is checked, never a duration.
  test.for([
    ['<a b=', ''],
    ['<a b=', '>Border control'],
    ['<a b="', ''],
    ["<a b='", ''],
    ['<!--', ''],
    ['<![CDATA[', ''],
    ['<script>', ''],
    ['<svg><title></title>', ''],
    ['<nav></svg>', ''],
  ] as const)('200,000 characters of %j (then %j)', ([unit, end]) => {
    const html = `<p>Refugees need protection.</p>${unit.repeat(Math.ceil(200_000 / unit.length))}${end}`;
    expect(htmlToText(html).text).toBe(end ? `Refugees need protection.\n\n${end.slice(1)}` : 'Refugees need protection.');
  });
});

describe('htmlToText: what a browser hides is not read, and what it shows is', () => {
  test.for([
    ['a hidden <main> (a page still loading) gives way to the shown one', '<main hidden><p>Loading...</p></main><main><p>Migrants need protection from violence.</p></main>', 'Migrants need protection from violence.'],
    ['the hidden attribute and an inline display: none', '<p>Shown.</p><div hidden>Hidden border control.</div><p style="color: red; display:none">Hidden too.</p><span style="DISPLAY : none;mso-hide:all">Word\'s hidden text.</span><p>Also shown.</p>', 'Shown.\n\nAlso shown.'],
    ['a hidden element holding elements of its own name ends with its own end tag', '<div hidden><div>inner</div>still hidden</div><p>Shown.</p>', 'Shown.'],
    ['aria-hidden, a class named hidden, and "hidden" inside a value hide nothing from the eye', '<p aria-hidden="true">One.</p><p class="hidden">Two.</p><p title="not hidden">Three.</p><img hidden src="x.png"><p>Four.</p>', 'One.\n\nTwo.\n\nThree.\n\nFour.'],
    ['a <main> inside the first one ends inside it', '<main><div><main><p>nested</p></main><p>outer rest of the article</p></div></main><footer>Site footer.</footer>', 'nested\n\nouter rest of the article'],
    ['a footnote mark at a note\'s start is set apart from the word after it', '<p><sup>1</sup>Terrorism and <sup>a</sup>Refugees.</p>', '1 Terrorism and a Refugees.'],
    ['center, hgroup, search and dialog start paragraphs', '<center>Title</center>text<hgroup>hg</hgroup>z<search>s</search>q', 'Title\n\ntext\n\nhg\n\nz\n\ns\n\nq'],
  ] as const)('%s', ([, html, text]) => {
    expect(htmlToText(html).text).toBe(text);
  });
});

test('direction marks and isolates, copied from a page in two scripts, split no word', async () => {
  const read = await sourceFromBytes(Buffer.from('asylum\u200e seeker\u200f and hu\u2066man\u2069 rights, invisible\u2063separator'), 'bidi.txt', 'bidi.txt');
  expect(read.doc?.text).toBe('asylum seeker and human rights, invisibleseparator');
});

test('character references as a browser reads them: legacy names without ";", a reference to a line end a space, more names', () => {
  expect(htmlToText('<p>border&nbspcontrol &amp human&#10;&#10;rights&#13;. &minus;5 &Scaron;koda, &ZeroWidthSpace;x, AT&T, &copy2024</p>').text).toBe('border control & human rights . −5 Škoda, x, AT&T, ©2024');
  expect(htmlToText('<pre>a&#9;b</pre>').text).toBe('a b');
});
