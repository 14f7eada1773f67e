import { memo, useState, type ReactNode } from 'react';

export type PanelTab = 'inspector' | 'speakers' | 'models' | 'export';
const TABS: { id: PanelTab; label: string }[] = [
  { id: 'inspector', label: 'Inspector' },
  { id: 'speakers', label: 'Speakers' },
  { id: 'models', label: 'Models' },
  { id: 'export', label: 'Export' },
];

/**
 * Tabbed side panel (ARIA tabs pattern, so it is reachable by role in tests and screen readers).
 * Memoised: the playhead moves up to 60 times a second and the panel (500 segment chips, the
 * export queue) does not depend on it; `children` is memoised by the caller.
 */
export const SidePanel = memo(function SidePanel({ children }: { children: (tab: PanelTab) => ReactNode }) {
  const [tab, setTab] = useState<PanelTab>('inspector');
  return (
    <aside className="side-panel" aria-label="Side panel">
      <div className="tabs" role="tablist" aria-label="Panels">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            className={`tab ${tab === t.id ? 'on' : ''}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="panel-body" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {children(tab)}
      </div>
    </aside>
  );
});
