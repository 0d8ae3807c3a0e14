import { randomInt } from 'node:crypto';
import { functionWordLanguages } from './detect-language.js';
import { composed } from '../normalise.js';
import { negationRole } from './negation.js';

/** A lower-cased word form and what the scanner needs to know of it, worked out once per form. */
export interface WordForm {
  /** A number for this form, unique in this thread (from 1). */
  readonly id: number;
  readonly norm: string;
  /** What it does to a negation window (`negationRole`): a cue ("not", "without"), a clause's start ("but"), a word that withdraws a cue ("not only"). */
  readonly negation: number;
  /** Languages of which it is a function word (for the language guess). */
  readonly languages: readonly number[] | undefined;
}

/** Slots of the table of forms met in text; half full, it is emptied and refilled (memory stays bounded). */
const CAPACITY = 1 << 17;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The FNV-1a hash of a word so far, extended by one lower-cased ASCII char code (start from `FNV_OFFSET`). */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ (code >= 0x41 && code <= 0x5a ? code + 32 : code), FNV_PRIME);
}

export { FNV_OFFSET as HASH_START };

/**
 * The word forms a scanner has met, so a word that recurs (most do) is neither sliced from
 * the text nor lower-cased again: an ASCII word is found by a hash of its lower-cased char
 * codes, computed while it is scanned, and compared in place. Every occurrence of a form
 * then shares one string, whose own hash V8 computes once for all later lookups.
 */
export class Vocabulary {
  private readonly hashes = new Int32Array(CAPACITY);
  private readonly forms: (WordForm | undefined)[] = new Array<WordForm | undefined>(CAPACITY).fill(undefined);
  private readonly others = new Map<string, WordForm>();
  private size = 0;

  /** The form of the ASCII word `text[start, end)` whose lower-cased codes hash to `hash`. */
  inText(text: string, start: number, end: number, hash: number): WordForm {
    let slot = hash & (CAPACITY - 1);
    for (let form = this.forms[slot]; form !== undefined; form = this.forms[slot]) {
      if (this.hashes[slot] === hash && isSameLowerCase(form.norm, text, start, end)) return form;
      slot = (slot + 1) & (CAPACITY - 1);
    }
    if (this.size >= CAPACITY / 2) {
      this.forms.fill(undefined);
      this.size = 0;
      slot = hash & (CAPACITY - 1);
    }
    const form = makeForm(text.slice(start, end).toLowerCase());
    this.hashes[slot] = hash;
    this.forms[slot] = form;
    this.size += 1;
    return form;
  }

  /** The form of a lower-cased word that was not hashed while scanned (non-ASCII, hyphenated, split clitics); its accents composed (`composed`). */
  of(lower: string): WordForm {
    let form = this.others.get(lower);
    if (form === undefined) {
      if (this.others.size >= CAPACITY / 2) this.others.clear();
      form = makeForm(composed(lower));
      this.others.set(lower, form);
    }
    return form;
  }
}

/** The id of the next new form. */
let nextId = 1;

/**
 * The number of this thread's form numbering (`WordStream.formSpace`). Ids are unique only
 * within it: a document tokenised by another thread (or another copy of this module) has its
 * own, so a cache by form id can tell its ids apart.
 */
export const FORM_SPACE = randomInt(1, 2 ** 31);

function makeForm(norm: string): WordForm {
  return { id: nextId++, norm, negation: negationRole(norm), languages: functionWordLanguages(norm) };
}

/** True when `text[start, end)`, lower-cased (ASCII), is `norm`. */
function isSameLowerCase(norm: string, text: string, start: number, end: number): boolean {
  if (norm.length !== end - start) return false;
  for (let i = 0; i < norm.length; i++) {
    const code = text.charCodeAt(start + i);
    if ((code >= 0x41 && code <= 0x5a ? code + 32 : code) !== norm.charCodeAt(i)) return false;
  }
  return true;
}
