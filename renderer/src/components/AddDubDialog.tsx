import { useState } from 'react';
import { LANGUAGES } from '../format';
import { PathDialog } from './PathDialog';

interface Props {
  onBrowse?(): Promise<string | null>;
  onSubmit(language: string, audioPath: string): void;
  onCancel(): void;
}

export function AddDubDialog({ onBrowse, onSubmit, onCancel }: Props) {
  const [language, setLanguage] = useState('es');
  return (
    <PathDialog
      title="Add dub track"
      pathLabel="Dub audio file path"
      placeholder="/path/to/dub.wav"
      submitLabel="Add dub"
      onBrowse={onBrowse}
      onCancel={onCancel}
      onSubmit={(path) => onSubmit(language, path)}
    >
      <div className="field">
        <label htmlFor="dub-language">Language</label>
        <select id="dub-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
          {LANGUAGES.map((l) => (
            <option key={l.tag} value={l.tag}>
              {l.name} ({l.tag})
            </option>
          ))}
        </select>
      </div>
    </PathDialog>
  );
}
