// Work on one key at a time within this process: each call waits for the previous one on the same
// key to settle (fulfilled or not), and the key is forgotten once nothing waits on it.

/** A set of queues, one per key. */
export type Queues = Map<string, Promise<unknown>>;

export function oneAtATime<T>(queues: Queues, key: string, work: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).then(work, work);
  const settled = run.then(
    () => {},
    () => {},
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}
