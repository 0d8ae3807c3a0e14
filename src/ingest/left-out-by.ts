/**
 * Whether a document id is left out by `include` and `exclude` globs (`findDocuments`): with
 * `include`, all but the ids that one takes; then those that one of `exclude` takes. A glob
 * takes an id it matches and every id in a folder it matches, as in .gitignore (`drafts` takes
 * `drafts/x.txt`); one that ends in `/` takes only the ids in a folder it matches.
 */
export function leftOutBy(include: readonly string[], exclude: readonly string[]): (id: string) => boolean {
  const [included, excluded] = [include, exclude].map((globs) => globs.map(globToRegExp));
  return (id) => (included.length > 0 && !included.some((pattern) => pattern.test(id))) || excluded.some((pattern) => pattern.test(id));
}

/**
 * Whether every id under a folder is left out by `include` and `exclude` (`leftOutBy`): no
 * include glob matches the folder, a folder it is in, or anything that starts with the folder's
 * id and `/`; or an exclude glob matches the folder or a folder it is in (`drafts`, `drafts/`),
 * or every name in it (`drafts/*`, `drafts/**`, `**\/private/**`). Such a folder is not read: a
 * run does not fail on one it cannot list, as it does not on an excluded file it cannot read.
 */
export function folderLeftOutBy(include: readonly string[], exclude: readonly string[]): (folderId: string) => boolean {
  const [included, excluded] = [include, exclude].map((globs) => globs.map(readGlob));
  return (folderId) => {
    // The folder's id and those of the folders it is in: `a`, `a/b` for `a/b`.
    const folders = folderId.split('/').map((_, i, names) => names.slice(0, i + 1).join('/'));
    const prefix = `${folderId}/`;
    const matchesFolder = (glob: IdGlob) => folders.some((folder) => glob.pattern.test(folder));
    if (included.length > 0 && !included.some((glob) => matchesFolder(glob) || afterPrefix(glob.steps, prefix).size > 0)) return true;
    // A glob that names folders only (`drafts/*/`) leaves the files of a folder in, whatever it matches in it.
    return excluded.some((glob) => matchesFolder(glob) || (!glob.isFolder && [...afterPrefix(glob.steps, prefix)].some((at) => matchesEveryName(glob.steps, at))));
  };
}

/**
 * Why a glob over doc_ids can match no document, if it cannot: doc_ids are paths inside the corpus
 * folder, `/`-separated, so one never starts with `/` or `./` nor has a `.` or `..` between its
 * slashes. Said in the words of a pipeline's `include` and `exclude` and of `lexicon lint --exclude`.
 */
export function globProblem(glob: string): string | undefined {
  if (glob.startsWith('/') || glob.startsWith('./')) return `${glob} matches no document: globs match doc_ids, paths inside the corpus folder with no leading / or ./ (write ${glob.replace(/^\.?\/+/, '')})`;
  if (glob.split('/').some((name) => name === '.' || name === '..')) return `${glob} matches no document: globs match doc_ids, paths inside the corpus folder, with no . or .. between their slashes (a glob cannot reach outside the corpus folder)`;
  return undefined;
}

/** A glob as read: its steps (less a final `/`), whether it ends in `/` (it takes only ids in the folders it matches), and a pattern that matches what its steps match. */
interface IdGlob {
  readonly steps: readonly GlobStep[];
  readonly isFolder: boolean;
  readonly pattern: RegExp;
}

function readGlob(glob: string): IdGlob {
  const isFolder = glob.length > 1 && glob.endsWith('/');
  const steps = globSteps(isFolder ? glob.slice(0, -1) : glob);
  return { steps, isFolder, pattern: new RegExp(`^${patternSource(steps)}$`) };
}

/** A glob's steps: a character, `*` (any characters but `/`), `?` (one of them), `**` followed by `/` (any folders, or none), a final `**` (anything). */
type GlobStep = { readonly char: string } | '*' | '?' | '**/' | '**';

function globSteps(glob: string): GlobStep[] {
  const steps: GlobStep[] = [];
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === '*' && glob[i + 1] === '*') {
      const isFolders = glob[i + 2] === '/';
      steps.push(isFolders ? '**/' : '**');
      i += isFolders ? 2 : 1;
    } else if (glob[i] === '*' || glob[i] === '?') steps.push(glob[i] as '*' | '?');
    else steps.push({ char: glob[i] });
  }
  return steps;
}

/**
 * The places in `steps` a match can be at once it has read `prefix`: a step's index, or, within
 * a `**` followed by `/`, its index + 0.5 (inside the folders it skips). Empty when no id that
 * starts with `prefix` can match.
 */
function afterPrefix(steps: readonly GlobStep[], prefix: string): Set<number> {
  // Steps that may match nothing are passed over: `*`, `**/`, `**`.
  const closed = (places: Iterable<number>): Set<number> => {
    const out = new Set<number>();
    const queue = [...places];
    while (queue.length > 0) {
      const at = queue.pop()!;
      if (out.has(at)) continue;
      out.add(at);
      const step = steps[at];
      if (Number.isInteger(at) && (step === '*' || step === '**/' || step === '**')) queue.push(at + 1);
    }
    return out;
  };
  let places = closed([0]);
  for (const char of prefix) {
    const next: number[] = [];
    for (const at of places) {
      if (!Number.isInteger(at)) {
        // Inside the folders of a `**/`: anything, and a `/` may end them.
        next.push(at);
        if (char === '/') next.push(at + 0.5);
        continue;
      }
      const step = steps[at];
      if (step === undefined) continue;
      if (step === '**') next.push(at);
      else if (step === '**/') {
        next.push(at + 0.5);
        if (char === '/') next.push(at + 1);
      } else if (step === '*') {
        if (char !== '/') next.push(at);
      } else if (step === '?') {
        if (char !== '/') next.push(at + 1);
      } else if (step.char === char) next.push(at + 1);
    }
    places = closed(next);
  }
  return places;
}

/** Whether from `at` (`afterPrefix`) the steps match every name (a string without `/`, not empty): each is `*` or `**` (followed by `/` or not), and the last `*` or a final `**`. */
function matchesEveryName(steps: readonly GlobStep[], at: number): boolean {
  if (!Number.isInteger(at)) return false;
  const rest = steps.slice(at);
  return (rest.at(-1) === '*' || rest.at(-1) === '**') && rest.every((step) => step === '*' || step === '**' || step === '**/');
}

/**
 * The pattern of the ids a glob takes (`leftOutBy`): its steps' (`*` any characters but `/`, `**`
 * followed by `/` any folders or none, a final `**` anything, `?` one character), followed by
 * nothing or by `/` and the rest of an id; by `/` and the rest when the glob ends in `/`.
 */
export function globToRegExp(glob: string): RegExp {
  const { steps, isFolder } = readGlob(glob);
  return new RegExp(`^${patternSource(steps)}${isFolder ? '/.*' : '(?:/.*)?'}$`);
}

function patternSource(steps: readonly GlobStep[]): string {
  return steps.map((step) => (step === '**/' ? '(?:.*/)?' : step === '**' ? '.*' : step === '*' ? '[^/]*' : step === '?' ? '[^/]' : step.char.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
}
