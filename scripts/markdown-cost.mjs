#!/usr/bin/env node
// Markdown conversion on shapes that make a backtracking pattern take time growing with the
// square of a line or of the text: milliseconds for each, at the size given (characters).
// Every shape should take a few milliseconds at 100,000 characters.
// Usage: node scripts/markdown-cost.mjs [--size N]. Needs a build (`npm run build`).
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { size: { type: 'string', default: '100000' } } });
const size = Number(values.size);
const { markdownToText } = await import(join(new URL('..', import.meta.url).pathname, 'dist/index.js'));
const SHAPES = {
  'heading, then spaces': `# Title${' '.repeat(size)}end\n\nRefugees need help.\n`,
  'heading, then #s': `# a${'#'.repeat(size)}x\n`,
  'underlined heading': `${'x'.repeat(size)}\n===\n`,
  'bold never closed': '**a '.repeat(size / 4),
  'emphasis never closed': ' _a'.repeat(size / 3),
  'code never closed': '`a '.repeat(size / 3),
  'pipes': '|'.repeat(size),
  'list item, then spaces': `- ${' '.repeat(size)}x\n`,
  'quote marks': `${'>'.repeat(size)}x\n`,
  'footnote never closed': `[^${'a'.repeat(size)}\n`,
  'link never closed': `[${'('.repeat(size)}\n`,
  'rule-like line': `${'- '.repeat(size / 2)}x\n`,
  'fenced code': `\`\`\`\n${'a\n'.repeat(size / 2)}`,
  'fences never closed': '```x\n'.repeat(size / 5),
  'bare fences': '```\n'.repeat(size / 4),
  'fences at alternating depths': '> ```\n```\n'.repeat(size / 10),
  'fences at rising depths': Array.from({ length: Math.sqrt(size) | 0 }, (_, depth) => `${'>'.repeat(depth)} \`\`\`\n`).join(''),
  'spaces and quote marks': `${' >'.repeat(size / 2)}\n`,
  'one long fence': '`'.repeat(size),
  'comments never closed': '<!--'.repeat(size / 4),
  'backslashes': '\\'.repeat(size),
};
for (const [name, text] of Object.entries(SHAPES)) {
  const start = performance.now();
  markdownToText(text);
  console.log(`${name.padEnd(30)} ${(performance.now() - start).toFixed(0).padStart(6)} ms (${text.length.toLocaleString('en-US')} characters)`);
}
