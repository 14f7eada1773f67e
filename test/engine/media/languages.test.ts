import { describe, expect, it } from 'vitest';
import { COMMON_DUB_LANGUAGES, DUB_LANGUAGE_TAGS } from '../../../common/languages';
import { iso639_2 } from '../../../main/engine/media/iso639';

describe('the dub language list (common/languages.ts)', () => {
  it('holds every ISO 639-1 language and the variants, as canonical BCP-47 tags, once each', () => {
    expect(DUB_LANGUAGE_TAGS.length).toBeGreaterThan(220);
    expect(new Set(DUB_LANGUAGE_TAGS).size).toBe(DUB_LANGUAGE_TAGS.length);
    // Well-formed, and canonical, or a registered alias of one that is also listed (CLDR: tl → fil).
    for (const tag of DUB_LANGUAGE_TAGS) expect([tag, ...DUB_LANGUAGE_TAGS]).toContain(Intl.getCanonicalLocales(tag)[0]);
    expect(DUB_LANGUAGE_TAGS.filter((t) => /^[a-z]{2}$/.test(t))).toHaveLength(184);
    for (const t of COMMON_DUB_LANGUAGES) expect(DUB_LANGUAGE_TAGS).toContain(t);
  });

  it('gives each one the ISO 639-2/T code the export writes (the same function assemble.ts uses)', () => {
    for (const tag of DUB_LANGUAGE_TAGS) expect(iso639_2(tag), tag).toMatch(/^[a-z]{3}$/);
    expect(DUB_LANGUAGE_TAGS.filter((t) => iso639_2(t) === 'und')).toEqual([]);
    // Terminology codes, not bibliographic ones (deu, not ger).
    expect(['de', 'fr', 'cs', 'nl', 'zh-Hant', 'pt-BR', 'es-419', 'sr-Latn', 'sw'].map(iso639_2)).toEqual([
      'deu',
      'fra',
      'ces',
      'nld',
      'zho',
      'por',
      'spa',
      'srp',
      'swa',
    ]);
  });
});
