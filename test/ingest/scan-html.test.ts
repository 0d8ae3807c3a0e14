import { describe, expect, test } from 'vitest';
import { scanHtml } from '../../src/ingest/scan-html.js';

/** What scanHtml reports, as strings: `<name>`, `</name>`, text, and raw text as `name:text`. */
const tokensOf = (html: string) => {
  const tokens: string[] = [];
  scanHtml(html, {
    text: (start, end, rawIn) => tokens.push(`${rawIn === null ? '' : `${rawIn}:`}${html.slice(start, end)}`),
    tag: (name, isEnd) => tokens.push(isEnd ? `</${name}>` : `<${name}>`),
  });
  return tokens;
};

describe('scanHtml', () => {
  test.for([
    ['an unquoted value ends at white space, whatever quotes it holds', `<img alt=Europe's src=a"b.png>x`, ['<img>', 'x']],
    ['an unquoted value ends at >', `<img alt=it's>x'`, ['<img>', "x'"]],
    ['a quoted value holds > and the other quote', `<p title="a > 'b'" data-x='c > "d"'>x`, ['<p>', 'x']],
    ['a quote inside an attribute name starts no value', `<p a"b c'd>x`, ['<p>', 'x']],
    ['a value right after another, without a space', '<div x="1"y="2">v</div>', ['<div>', 'v', '</div>']],
    ['white space around =', `<a b = "c > d" >x`, ['<a>', 'x']],
    ['= before an attribute name, a missing value, a slash', '<a =b c=>x<br/>y<div/x>z', ['<a>', 'x', '<br>', 'y', '<div>', 'z']],
    ['upper-case names, attributes over lines', '<SCRIPT\nTYPE="x">a</Script\n>b', ['<script>', 'script:a', '</script>', 'b']],
    ['raw text ends only at its own end tag', '<script>a</scriptx>"<p>"</script>c', ['<script>', 'script:a</scriptx>"<p>"', '</script>', 'c']],
    ['a title holds no tags', '<title>A <b>B</b></title>x', ['<title>', 'title:A <b>B</b>', '</title>', 'x']],
    ['comments, abrupt ones too', '<!-- a > b -->x<!-->y<!--->z<!-- c --!>w', ['x', 'y', 'z', 'w']],
    ['CDATA, doctype, processing instruction', '<!DOCTYPE html><?xml version="1.0"?><![CDATA[a > b]]>x', ['x']],
    ['a bogus end tag, an empty end tag', '</ p>x</>y', ['x', 'y']],
    ['a < that starts no tag is text', 'a < b <3 c<', ['a < b <3 c<']],
    ['</ at the end of the file is text', 'a</', ['a</']],
  ] as const)('%s', ([, html, tokens]) => {
    expect(tokensOf(html)).toEqual(tokens);
  });

  test.for([
    ['a tag', 'x<img alt=a', ['x']],
    ['a double-quoted value', 'x<img alt="a > b', ['x']],
    ['a single-quoted value', "x<img alt='a > b", ['x']],
    ['a comment', 'x<!-- a > b', ['x']],
    ['a bogus comment', 'x<!a', ['x']],
    ['a script', 'x<script>a', ['x', '<script>', 'script:a']],
  ] as const)('%s open at the end of the file takes the rest with it; the text before is kept', ([, html, tokens]) => {
    expect(tokensOf(html)).toEqual(tokens);
  });
});
