import { useMemo, useState } from 'react';
import { COMMON_DUB_LANGUAGES, DUB_LANGUAGE_TAGS } from '../../../common/languages';

interface Props {
  value: string;
  onChange(tag: string): void;
}

interface Choice {
  tag: string;
  /** English name ("Portuguese (Brazil)") and the language's own ("português (Brasil)"). */
  name: string;
  own: string;
}

const english = new Intl.DisplayNames(['en'], { type: 'language' });

function named(tag: string): Choice {
  const name = english.of(tag) ?? tag;
  let own = name;
  try {
    own = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? name;
  } catch {
    // A tag this browser's ICU has no data for: the English name only.
  }
  return { tag, name, own };
}

/** The product's whole language list (common/languages.ts), named once. */
function useChoices(): { common: Choice[]; all: Choice[] } {
  return useMemo(() => {
    const common = COMMON_DUB_LANGUAGES.map(named);
    const all = DUB_LANGUAGE_TAGS.filter((t) => !COMMON_DUB_LANGUAGES.includes(t))
      .map(named)
      .sort((a, b) => a.name.localeCompare(b.name, 'en'));
    return { common, all };
  }, []);
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** A choice matches a search by its tag, English name or own name, accents ignored. */
export function matches(c: Choice, query: string): boolean {
  const q = fold(query.trim());
  return q === '' || fold(c.tag).startsWith(q) || fold(c.name).includes(q) || fold(c.own).includes(q);
}

/** The dub language: every BCP-47 language the product knows, most dubbed first, with a search. */
export function LanguagePicker({ value, onChange }: Props) {
  const { common, all } = useChoices();
  const [query, setQuery] = useState('');
  const shownCommon = common.filter((c) => matches(c, query));
  const shownAll = all.filter((c) => matches(c, query));
  const option = (c: Choice) => (
    <option key={c.tag} value={c.tag}>
      {c.name}
      {c.own !== c.name ? ` — ${c.own}` : ''} ({c.tag})
    </option>
  );
  // Typing picks the first match unless the chosen language still matches: Enter then adds it.
  const search = (q: string) => {
    setQuery(q);
    const shown = [...common, ...all].filter((c) => matches(c, q));
    if (q.trim() && shown.length > 0 && !shown.some((c) => c.tag === value)) onChange(shown[0].tag);
  };
  const count = shownCommon.length + shownAll.length;
  return (
    <div className="field">
      <label htmlFor="dub-language-search">Search by name or tag</label>
      <input
        id="dub-language-search"
        type="search"
        placeholder="Name or tag: german, 日本語, pt-BR…"
        value={query}
        onChange={(e) => search(e.target.value)}
        spellCheck={false}
        autoComplete="off"
      />
      <label htmlFor="dub-language">Language</label>
      <select id="dub-language" size={8} value={value} onChange={(e) => onChange(e.target.value)}>
        {shownCommon.length > 0 && <optgroup label="Most dubbed">{shownCommon.map(option)}</optgroup>}
        {shownAll.length > 0 && <optgroup label="All languages">{shownAll.map(option)}</optgroup>}
      </select>
      <span className="hint small" data-testid="language-count">
        {count === 0 ? 'No language matches.' : `${count} of ${common.length + all.length} languages`}
      </span>
    </div>
  );
}
