/**
 * Polls until a probe's value passes, and says how long it took. Generous by default: a busy machine
 * may delay a watcher's event or a notification; how fast something happened is a measurement to
 * log (or to assert separately), not this helper's timeout.
 */
export async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<{ value: T; elapsed: number }> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (ok(value)) return { value, elapsed: Date.now() - start };
    if (Date.now() - start > ms) throw new Error(`condition not met within ${ms} ms; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
