import { RedubError } from '../errors';

/** Canonical BCP-47 form ("pt-br" -> "pt-BR"), so one language is never two tracks' keys. */
export function canonicalLanguage(tag: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.trim());
    if (canonical) return canonical;
  } catch {
    /* RangeError: not a well-formed tag */
  }
  throw new RedubError('INVALID_ARGUMENT', `"${tag}" is not a BCP-47 language tag (e.g. "es", "pt-BR")`);
}
