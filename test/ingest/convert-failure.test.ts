import { describe, expect, test, vi } from 'vitest';
import { sourceFromBytes } from '../../src/ingest/index.js';

// A converter that fails in an unforeseen way (a bug, a stack overflow on a huge page).
vi.mock('../../src/ingest/paged-text.js', () => ({
  plainText: () => {
    throw new RangeError('Maximum call stack size exceeded');
  },
}));

describe('a converter that throws', () => {
  test('gives the file an INTERNAL_ERROR issue naming the reason, and does not throw', async () => {
    const read = await sourceFromBytes(new TextEncoder().encode('Refugees need protection.'), 'corpus/a.txt', 'a.txt');
    expect(read.doc).toBeUndefined();
    expect(read.issue).toMatchObject({ code: 'INTERNAL_ERROR', file: 'a.txt', stage: 'ingest' });
    expect(read.issue?.message).toMatch(/reading the file failed: .*Maximum call stack size exceeded/);
  });
});
