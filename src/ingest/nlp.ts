// The NLP libraries (compromise, wink-nlp and its English model) take tens of megabytes and a
// second or two to load, and only extraction needs them: they are imported here, on first use,
// once per process. Nothing else in src/ingest imports them.
import type compromise from 'compromise';
import type { ItemToken, WinkMethods } from 'wink-nlp';

export type { ItemToken };

export interface Nlp {
  /** compromise's parser: typed proper nouns, and verb forms for derived headlines. */
  compromise: typeof compromise;
  /** wink-nlp with its English model: untyped proper nouns with better recall. */
  wink: WinkMethods;
}

let loaded: Nlp | null = null;
let loading: Promise<Nlp> | null = null;

/** Loads the NLP libraries (once; later calls return the same instance). */
export function loadNlp(): Promise<Nlp> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= (async () => {
    const [{ default: nlp }, { default: winkNLP }, { default: model }] = await Promise.all([
      import('compromise'),
      import('wink-nlp'),
      import('wink-eng-lite-web-model'),
    ]);
    loaded = { compromise: nlp, wink: winkNLP(model) };
    return loaded;
  })().catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}

/** The loaded NLP libraries, for synchronous callers; throws when loadNlp() has not finished yet. */
export function loadedNlp(): Nlp {
  if (!loaded) throw new Error('the NLP libraries are not loaded: await loadNlp() first (ingestText() does)');
  return loaded;
}
