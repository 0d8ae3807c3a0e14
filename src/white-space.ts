/**
 * True for the char codes of white space as JavaScript has it: what `\s` matches and
 * `String.prototype.trim` removes (ECMAScript WhiteSpace and LineTerminator; a test compares
 * them all).
 */
export function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code >= 0xa0 && (code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff);
}
