import { useState } from 'react';

interface Props {
  language: string;
  outPath: string;
  /** Desktop app: play the file in the system's player, show it in its folder. Absent in a browser. */
  onShow?(action: 'play' | 'reveal'): void;
}

/**
 * What to do with a finished export: in the desktop app Play and Show in folder; everywhere Copy
 * path (a browser page cannot open the user's files, but the path pastes into a file manager).
 */
export function FinishedJobActions({ language, outPath, onShow }: Props) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () =>
    void navigator.clipboard.writeText(outPath).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <>
      {onShow && (
        <>
          <button type="button" className="btn small" onClick={() => onShow('play')} aria-label={`Play ${language} export`}>
            Play
          </button>
          <button
            type="button"
            className="btn small ghost"
            onClick={() => onShow('reveal')}
            aria-label={`Show ${language} export in folder`}
          >
            Show in folder
          </button>
        </>
      )}
      <button
        type="button"
        className="btn small ghost"
        onClick={copy}
        aria-label={`Copy path of ${language} export`}
        title={copied === 'failed' ? 'The clipboard refused: select the path and copy it' : outPath}
      >
        {copied === 'yes' ? 'Copied' : 'Copy path'}
      </button>
    </>
  );
}
