import { z } from 'zod';
import { expected } from '../yaml-issues.js';


const nonEmpty = (what: string) => z.string({ error: expected(`${what} must be text`) }).trim().min(1, `${what} must not be empty`);

const proximitySchema = z.strictObject({
  terms: z.array(nonEmpty('a proximity term'), { error: expected('terms must be a list of words') }).min(1, 'terms must list at least one word'),
  window: z.number({ error: expected('window must be a whole number from 1 to 50') }).int({ error: expected('window must be a whole number from 1 to 50') }).min(1, { error: expected('window must be a whole number from 1 to 50') }).max(50, { error: expected('window must be a whole number from 1 to 50') }).default(5),
});

/** The largest weight: a document's hits stay whole numbers of thousandths that a double holds exactly. */
const MAX_WEIGHT = 1_000_000;
/** What a weight may be: hits are written with 3 decimals, so that a document's matches.csv weights add up to its hits as written. */
const WEIGHT_RULE = 'weight must be a number from 0 to 1,000,000 with at most 3 decimals (hits are written with 3)';

/** True when `value` is a whole number of thousandths (0.125, not 0.1237). */
function hasThreeDecimalsAtMost(value: number): boolean {
  const thousandths = value * 1000;
  return Math.abs(thousandths - Math.round(thousandths)) < 1e-6;
}

/** One lexicon entry as written in YAML (see lexicons/README.md). */
export const entrySchema = z.strictObject({
  term: nonEmpty('term'),
  source: nonEmpty('source'),
  inflect: z.boolean({ error: expected('inflect must be true or false') }).default(false),
  weight: z
    .number({ error: expected(WEIGHT_RULE) })
    .min(0, { error: expected(WEIGHT_RULE) })
    .max(MAX_WEIGHT, { error: expected(WEIGHT_RULE) })
    .refine(hasThreeDecimalsAtMost, { error: expected(WEIGHT_RULE) })
    .default(1),
  exclude: z.array(nonEmpty('an exclusion'), { error: expected('exclude must be a list of phrases') }).default([]),
  near: proximitySchema.optional(),
  not_near: proximitySchema.optional(),
  /** Other categories of the lexicon the entry counts in too, each with the source that justifies it there (`listedEntries`). */
  also: z.record(z.string(), nonEmpty('the source of a category under also'), { error: expected('also must be a mapping of category id to the source that justifies the entry there') }).optional(),
});

const categorySchema = z.strictObject({
  label: nonEmpty('label'),
  description: nonEmpty('description'),
  /** false: a match in a negation scope counts all the same (a prohibition of violence still refers to personal security). */
  negation: z.boolean({ error: expected('negation must be true or false') }).default(true),
  entries: z.array(entrySchema, { error: expected('entries must be a list') }).min(1, 'a category needs at least one entry'),
});

/** A whole lexicon file (S7): strict, unknown keys rejected. */
export const lexiconSchema = z.strictObject({
  name: z.string({ error: expected('name must be text') }).regex(/^[a-z0-9][a-z0-9-]*$/, 'name must be lower-case letters, digits and hyphens'),
  version: z.string({ error: expected('version must be text such as "1.0.0"') }).regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, 'version must look like 1.0.0'),
  language: z.string({ error: expected('language must be an ISO 639-1 code such as "en"') }).regex(/^[a-z]{2}$/, 'language must be an ISO 639-1 code such as "en"'),
  description: nonEmpty('description'),
  categories: z.record(
    z.string().regex(/^[a-z][a-z0-9_]*$/, 'category ids must be snake_case'),
    categorySchema,
    {
      error: (issue) =>
        issue.code === 'invalid_key'
          ? expected('category ids must be snake_case: lower-case letters, digits and _, from a letter')(issue)
          : issue.code === 'invalid_type'
            ? expected('categories must be a mapping of category id to category')(issue)
            : undefined,
    },
  ).refine((value) => Object.keys(value).length > 0, 'a lexicon needs at least one category'),
});

/** A lexicon entry after parsing, with defaults filled in. */
export type LexiconEntry = z.output<typeof entrySchema>;
/** A lexicon after parsing, with defaults filled in. */
export type LexiconSpec = z.output<typeof lexiconSchema>;

/** An entry under a category it counts in: its own, or one its `also` names. */
export interface ListedEntry {
  readonly category: string;
  /** Under a category of `also`: a copy with that category's source and no `also` of its own. */
  readonly entry: LexiconEntry;
}

/**
 * Every entry of a lexicon under each category it counts in, in listing order: under its own
 * category, then at once under each category its `also` names, with the same term and rules and
 * that category's source. A match of the term counts in all of them, as the same term listed in
 * several categories of an imported dictionary does.
 */
export function listedEntries(spec: LexiconSpec): ListedEntry[] {
  const listed: ListedEntry[] = [];
  for (const [category, { entries }] of Object.entries(spec.categories)) {
    for (const entry of entries) {
      listed.push({ category, entry });
      if (entry.also) for (const [other, source] of Object.entries(entry.also)) listed.push({ category: other, entry: { ...entry, source, also: undefined } });
    }
  }
  return listed;
}
