import { TOOL } from '../pipeline/index.js';
import { EXIT, type CliIo } from './io.js';
import { runCommand } from './run-command.js';
import { scoreCommand } from './score-command.js';

const HELP = `Usage: hsframe <command> [options]

Score policy documents for state-centric versus people-centric security framing and
the seven UNDP human-security categories.

Commands:
  run [PIPELINE.yaml]        score a pipeline's corpus into scores.csv, matches.csv, ...
  score PATH...              score files or folders; CSV to standard output
  evaluate --gold FILE.csv   compare lexicon predictions with hand-coded sentences
  lexicon lint|show FILE...  check a lexicon; show its categories and hash
  lexicon export FILE        write a lexicon as a quanteda or LIWC dictionary
  merge DIR... --out DIR     join the outputs of sharded runs (run --shard K/N)
  explain DOC_ID             the matches behind one row, each in its sentence
  report [PIPELINE.yaml]     write report.html from a run's scores.csv

Options:
  -h, --help                 show help (also after a command)
  -v, --version              show the version

Exit codes: 0 success; 1 some input failed; 2 unusable arguments, pipeline or lexicon.
`;

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => runCommand,
  score: async () => scoreCommand,
  evaluate: async () => (await import('./evaluate-command.js')).evaluateCommand,
  lexicon: async () => (await import('./lexicon-command.js')).lexiconCommand,
  merge: async () => (await import('./merge-command.js')).mergeCommand,
  explain: async () => (await import('./explain-command.js')).explainCommand,
  report: async () => (await import('./report-command.js')).reportCommand,
};

/** Run the CLI with `argv` (without node and script) and return the exit code (S15). */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') return io.stdout(HELP), name === undefined ? EXIT.fatal : EXIT.ok;
  if (name === '--version' || name === '-v') return io.stdout(`${TOOL.version}\n`), EXIT.ok;
  const load = COMMANDS[name];
  if (!load) return io.stderr(`hsframe: unknown command "${name}"\n\n${HELP}`), EXIT.fatal;
  try {
    return await (await load())(rest, io);
  } catch (error) {
    io.stderr(`hsframe ${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.fatal;
  }
}
