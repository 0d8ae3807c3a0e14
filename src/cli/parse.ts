import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed arguments, or the message that explains why they cannot be parsed. */
export type Parsed = { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } | { error: string };

/** Parse a command's arguments strictly with node:util parseArgs; `--help` is always accepted. */
export function parseCommand(argv: readonly string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | string[] | undefined>, positionals };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
