import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

/**
 * wink-nlp keeps one cache of word properties per instance, filled as it reads: a word's
 * properties are fixed the first time it is seen, so a document can be tokenised (and split
 * into sentences) differently depending on what the instance read before. Byte-identical
 * output at any concurrency needs every document to start from the same state. This module
 * wraps wink-nlp's cache factory so that `resetWinkCache()` restores the state the model
 * had when loaded: the words added since are removed from the model's feature tables and
 * a fresh cache takes over. It is tied to wink-nlp's internals (src/cache.js), so the
 * package version is pinned and test/tokenise proves order independence.
 */

interface Feature {
  hash: Record<string, number>;
  list: unknown[];
  index: number;
}
interface CoreModel {
  features: Record<string, Feature>;
}
type CacheMethods = Record<string, (...args: unknown[]) => unknown>;
type CacheFactory = (model: CoreModel, featureFn: unknown) => CacheMethods;

const require = createRequire(import.meta.url);
const resets: (() => void)[] = [];
let loaded: typeof import('wink-nlp').default | undefined;

/**
 * wink-nlp, loaded on first use (a re-run that finds every document unchanged never needs
 * it) after its cache factory is wrapped. Its modules are loaded privately, even if another
 * module loaded wink-nlp before.
 */
export function loadWinkNLP(): typeof import('wink-nlp').default {
  if (loaded) return loaded;
  const winkDir = dirname(require.resolve('wink-nlp'));
  const cachePath = join(winkDir, 'cache.js');
  for (const key of Object.keys(require.cache)) if (key.startsWith(winkDir + sep)) delete require.cache[key];
  const createCache = require(cachePath) as CacheFactory;
  require.cache[cachePath]!.exports = function resettableCache(model: CoreModel, featureFn: unknown): CacheMethods {
    const sizes = Object.fromEntries(Object.entries(model.features).map(([name, feature]) => [name, { length: feature.list.length, index: feature.index }]));
    let inner = createCache(model, featureFn);
    const proxy: CacheMethods = {};
    for (const name of Object.keys(inner)) proxy[name] = (...args) => inner[name](...args);
    resets.push(() => {
      for (const [name, size] of Object.entries(sizes)) {
        const feature = model.features[name];
        for (let i = size.length; i < feature.list.length; i++) delete feature.hash[feature.list[i] as string];
        feature.list.length = size.length;
        feature.index = size.index;
      }
      inner = createCache(model, featureFn);
    });
    return proxy;
  };
  loaded = require('wink-nlp') as typeof import('wink-nlp').default;
  return loaded;
}

/** The wink-nlp English model, loaded on first use. */
export function loadWinkModel(): unknown {
  return require('wink-eng-lite-web-model');
}

/** Forget every word wink-nlp learnt since its instances were created (all instances of this thread). */
export function resetWinkCache(): void {
  for (const reset of resets) reset();
}

/** How many wink-nlp caches can be reset: one per instance created since loading. */
export function resettableCaches(): number {
  return resets.length;
}
