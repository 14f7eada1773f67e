import { SUBTITLE_FORMATS, type SubtitleFormat } from '../../../common/domain';
import { oneOf, useRemembered } from '../state/remembered';

/** The subtitle file choice (none, .srt or .vtt), remembered per project. */
export const useExportSubtitles = (projectId: string) =>
  useRemembered('exportSubtitles', projectId, oneOf<SubtitleFormat | null>(SUBTITLE_FORMATS, null));

/** "Subtitles": writes `<name>.<lang>.srt|vtt` beside each video from the segments that have text. */
export function SubtitlesCheck({ value, onChange }: { value: SubtitleFormat | null; onChange: (f: SubtitleFormat | null) => void }) {
  return (
    <div className="check" title="A subtitle file beside each video, from the segments that have text">
      <label className="check">
        <input type="checkbox" checked={value !== null} onChange={(e) => onChange(e.target.checked ? 'srt' : null)} /> Subtitles file
      </label>
      <select
        aria-label="Subtitle file type"
        value={value ?? 'srt'}
        disabled={value === null}
        onChange={(e) => onChange(e.target.value as SubtitleFormat)}
      >
        {SUBTITLE_FORMATS.map((f) => (
          <option key={f} value={f}>
            .{f}
          </option>
        ))}
      </select>
    </div>
  );
}
