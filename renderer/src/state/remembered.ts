import { useState } from 'react';
import { useResetOn } from './useDerivedState';

/**
 * Per-project choices remembered in this browser / app profile (localStorage, `redub.<name>.<projectId>`):
 * the one place the export folder, audio, In–Out and subtitle choices and the timeline's In/Out marks
 * are kept. They are the editor's own preferences, not part of the project file, so they live here.
 */
const keyOf = (name: string, projectId: string) => `redub.${name}.${projectId}`;

/** The saved value checked by `parse` (which answers the default for anything it does not accept). */
export function readRemembered<T>(name: string, projectId: string, parse: (saved: unknown) => T): T {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(keyOf(name, projectId));
  } catch {
    return parse(null); // storage disabled: nothing is remembered
  }
  if (raw === null) return parse(null);
  try {
    return parse(JSON.parse(raw));
  } catch {
    return parse(raw); // an older plain-string value (the output folder was saved unquoted)
  }
}

export function writeRemembered(name: string, projectId: string, value: unknown): void {
  try {
    localStorage.setItem(keyOf(name, projectId), JSON.stringify(value));
  } catch {
    /* storage disabled: the choice is simply not remembered */
  }
}

/** State that starts from, and is saved to, the project's remembered value; another project reads its own. */
export function useRemembered<T>(name: string, projectId: string | null, parse: (saved: unknown) => T): [T, (next: T) => void] {
  const read = () => (projectId === null ? parse(null) : readRemembered(name, projectId, parse));
  const [value, setValue] = useState(read);
  useResetOn(projectId, () => setValue(read()));
  const update = (next: T) => {
    setValue(next);
    if (projectId !== null) writeRemembered(name, projectId, next);
  };
  return [value, update];
}

/** `parse` helpers: the saved value if it is one of `options`, else `fallback`. */
export const oneOf =
  <T>(options: readonly T[], fallback: T) =>
  (saved: unknown): T =>
    options.find((o) => o === saved) ?? fallback;
