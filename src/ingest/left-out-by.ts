/** Whether a document id is left out by `include` and `exclude` globs (`findDocuments`): with `include`, all but the ids that match one; then those that match one of `exclude`. */
export function leftOutBy(include: readonly string[], exclude: readonly string[]): (id: string) => boolean {
  const [included, excluded] = [include, exclude].map((globs) => globs.map(globToRegExp));
  return (id) => (included.length > 0 && !included.some((pattern) => pattern.test(id))) || excluded.some((pattern) => pattern.test(id));
}

/**
 * Whether every id under a folder is left out by `include` and `exclude` (`leftOutBy`): no
 * include glob can match an id that starts with the folder's id and `/`, or an exclude glob
 * matches every such id (`drafts/**`, `**\/private/**`). Such a folder is not read: a run does
 * not fail on one it cannot list, as it does not on an excluded file it cannot read.
 */
export function folderLeftOutBy(include: readonly string[], exclude: readonly string[]): (folderId: string) => boolean {
  const [included, excluded] = [include, exclude].map((globs) => globs.map(globSteps));
  return (folderId) => {
    const prefix = `${folderId}/`;
    if (included.length > 0 && !included.some((steps) => afterPrefix(steps, prefix).size > 0)) return true;
    return excluded.some((steps) => [...afterPrefix(steps, prefix)].some((at) => matchesAnything(steps, at)));
  };
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

/** Whether from `at` (`afterPrefix`) the steps match any rest of an id: only a final `**` is left, with steps that may match nothing before it. */
function matchesAnything(steps: readonly GlobStep[], at: number): boolean {
  if (!Number.isInteger(at)) return false;
  const rest = steps.slice(at);
  return rest.at(-1) === '**' && rest.every((step) => step === '**' || step === '**/');
}

/** A glob over ids: `*` any characters but `/`, `**` followed by `/` any folders or none, a final `**` anything, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  const source = globSteps(glob)
    .map((step) => (step === '**/' ? '(?:.*/)?' : step === '**' ? '.*' : step === '*' ? '[^/]*' : step === '?' ? '[^/]' : step.char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}
