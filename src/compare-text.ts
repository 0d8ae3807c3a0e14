/**
 * Order two strings by UTF-16 code units: the one order for ids everywhere (rows, files,
 * errors), independent of locale, so sorted output is byte-identical on every machine.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
