import { describe, expect, test } from 'vitest';
import { isWhiteSpace } from '../src/white-space.js';

describe('isWhiteSpace', () => {
  test('is true for exactly the char codes that \\s matches and trim removes', () => {
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code);
      expect(isWhiteSpace(code), code.toString(16)).toBe(/\s/.test(char));
      expect(isWhiteSpace(code), code.toString(16)).toBe(char.trim() === '');
    }
  });
});
