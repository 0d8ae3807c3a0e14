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
