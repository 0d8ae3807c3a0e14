import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { WorkerPool } from '../../src/pipeline/worker-pool.js';

const script = fileURLToPath(new URL('./fixtures/crash-worker.mjs', import.meta.url));
const bytes = (text: string) => new TextEncoder().encode(text);

describe('worker pool', () => {
  test('a crash fails only its document; documents already sent to the crashed worker are scored by its replacement', async () => {
    const pool = await WorkerPool.create(1, { lexiconFiles: [], tokeniser: 'scan.v1' }, script);
    try {
      const texts = ['one', 'crash', 'two', 'three', 'crash', 'four'];
      const outcomes = await Promise.all(texts.map((text, index) => pool.score(`doc-${index}`, `/x/${index}`, 'sha', bytes(text))));
      const messages = outcomes.map(({ outcome }) => ('issue' in outcome ? outcome.issue! : undefined));
      expect(messages.map((issue) => issue?.code)).toEqual(['ECHO', 'INTERNAL_ERROR', 'ECHO', 'ECHO', 'INTERNAL_ERROR', 'ECHO']);
      expect(messages.filter((issue) => issue?.code === 'ECHO').map((issue) => issue!.message)).toEqual(['one', 'two', 'three', 'four']);
      expect(messages[1]!.file).toBe('doc-1');
      expect(messages[1]!.message).toMatch(/worker crashed on this document: boom/);
    } finally {
      await pool.close();
    }
  });
});
