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

/** The English name of a language tag ("es" → "Spanish"), for track names; the tag itself if unknown. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
