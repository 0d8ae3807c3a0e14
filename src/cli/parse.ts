import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | string[] | undefined>;

/**
 * Parsed arguments, or the message that explains why they cannot be parsed, with the values
 * that could still be read from them (so that `run --json` can print its line for a refused run).
 */
export type Parsed = { values: Values; positionals: string[] } | { error: string; values: Values };

/**
 * Parse a command's arguments strictly with node:util parseArgs; `--help` is always accepted.
 * An option not declared `multiple` may be given once: given twice it is refused, where
 * parseArgs would keep the last value and drop the first without a word. No option's value
 * may be empty.
 */
export function parseCommand(argv: readonly string[], options: Options): Parsed {
  const config = { args: [...argv], options: { ...options, help: { type: 'boolean', short: 'h' } } satisfies Options, allowPositionals: true };
  try {
    const { values, positionals, tokens } = parseArgs({ ...config, strict: true, tokens: true });
    const repeated = repeatedOption(tokens, config.options);
    if (repeated) return { error: repeated, values: values as Values };
    // An empty value names nothing (no file, folder or number): taken as given, it would be read as none or 0.
    const empty = (tokens as readonly Token[]).find((token) => token.kind === 'option' && token.value === '');
    if (empty?.kind === 'option') return { error: `${empty.rawName} must not be empty`, values: values as Values };
    return { values: values as Values, positionals };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error), values: readableValues(config.args, config.options) };
  }
}

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/** Why an option that takes one value (or is a flag) is given more than once, naming it; undefined when none is. `--help` may be repeated: it changes nothing. */
function repeatedOption(tokens: readonly Token[], options: Options): string | undefined {
  const given = new Map<string, (string | undefined)[]>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === 'help' || options[token.name]?.multiple) continue;
    given.set(token.name, [...(given.get(token.name) ?? []), token.value]);
  }
  for (const [name, values] of given) {
    if (values.length < 2) continue;
    const times = values.length === 2 ? 'twice' : `${values.length} times`;
    const shown = values.every((value) => value !== undefined) ? ` (${values.map((value) => JSON.stringify(value)).join(', ')})` : '';
    return `--${name} is given ${times}${shown}; give it once`;
  }
  return undefined;
}

/**
 * The values of arguments that strict parsing refused, read leniently: a flag counts wherever
 * it is written before `--`, even where it follows an option that lacks its value (`--out --json`).
 */
function readableValues(args: readonly string[], options: Options): Values {
  let values: Values = {};
  try {
    values = parseArgs({ args: [...args], options, allowPositionals: true, strict: false }).values as Values;
  } catch {
    // Nothing could be read.
  }
  const end = args.indexOf('--');
  for (const arg of end < 0 ? args : args.slice(0, end)) {
    const name = arg.slice(2);
    if (arg.startsWith('--') && options[name]?.type === 'boolean') values[name] = true;
  }
  return values;
}
