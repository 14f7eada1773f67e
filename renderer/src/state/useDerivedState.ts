import { useLayoutEffect, useRef, useState } from 'react';

/**
 * Runs `reset` while rendering when `key` changes: React's "adjust state when a prop changes"
 * pattern, so a new project or value never shows one frame of stale state (an effect would).
 */
export function useResetOn(key: unknown, reset: () => void): void {
  const [seen, setSeen] = useState(key);
  if (!Object.is(seen, key)) {
    setSeen(key);
    reset();
  }
}

/** A local, editable copy of `value` (a text field, a slider) that follows `value` when it changes. */
export function useDraft<T>(value: T): [T, (v: T) => void] {
  const [draft, setDraft] = useState(value);
  useResetOn(value, () => setDraft(value));
  return [draft, setDraft];
}

/** A ref that always holds the latest `value`, for handlers that must not re-subscribe on every render. */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
