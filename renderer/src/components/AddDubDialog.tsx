import { useState } from 'react';
import { LanguagePicker } from './LanguagePicker';
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
      <LanguagePicker value={language} onChange={setLanguage} />
    </PathDialog>
  );
}
