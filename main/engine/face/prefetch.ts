/**
 * Asks the source for item i+1 before the consumer works on item i. Model runs happen on a
 * native thread, so the pipe from the decoder keeps draining meanwhile instead of waiting.
 * Safe for sources that yield a fresh object per item (readFrames does).
 */
export async function* prefetched<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = it.next();
      yield r.value;
    }
  } finally {
    // Let a pending read settle before closing the source (an error there is the caller's, already seen).
    await next.catch(() => undefined);
    await it.return?.(undefined);
  }
}
