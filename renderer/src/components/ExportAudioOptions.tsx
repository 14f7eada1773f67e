import { LOUDNESS_TARGETS, ORIGINAL_AUDIO, type OriginalAudio } from '../../../common/domain';
import { oneOf, useRemembered } from '../state/remembered';

const ORIGINAL_LABEL: Record<OriginalAudio, string> = {
  off: 'Off (dub only)',
  ducked: 'Ducked (−12 dB, music and effects)',
  full: 'Full level',
};
const LOUDNESS_LABEL: Record<(typeof LOUDNESS_TARGETS)[number], string> = {
  [-16]: '−16 LUFS (web, streaming)',
  [-23]: '−23 LUFS (broadcast, EBU R128)',
};

export interface ExportAudio {
  originalAudio: OriginalAudio;
  /** null = not normalised. */
  loudnessLufs: number | null;
}
const DEFAULT_AUDIO: ExportAudio = { originalAudio: 'off', loudnessLufs: null };

const parseAudio = (saved: unknown): ExportAudio => {
  const s = (saved ?? {}) as Partial<Record<keyof ExportAudio, unknown>>;
  return {
    originalAudio: oneOf(ORIGINAL_AUDIO, DEFAULT_AUDIO.originalAudio)(s.originalAudio),
    loudnessLufs: oneOf<number | null>(LOUDNESS_TARGETS, DEFAULT_AUDIO.loudnessLufs)(s.loudnessLufs),
  };
};

/** The export's audio settings, remembered per project (state/remembered.ts). */
export function useExportAudio(projectId: string): [ExportAudio, (patch: Partial<ExportAudio>) => void] {
  const [audio, setAudio] = useRemembered('exportAudio', projectId, parseAudio);
  return [audio, (patch) => setAudio({ ...audio, ...patch })];
}

/**
 * Original audio under the dub (off / ducked / full) and loudness normalisation: one per line, the
 * side panel (300 px) is too narrow for their labels side by side.
 */
export function ExportAudioOptions({ audio, onChange }: { audio: ExportAudio; onChange: (patch: Partial<ExportAudio>) => void }) {
  return (
    <>
      <div className="field">
        <label htmlFor="export-original-audio">Original audio</label>
        <select
          id="export-original-audio"
          value={audio.originalAudio}
          onChange={(e) => onChange({ originalAudio: e.target.value as OriginalAudio })}
        >
          {ORIGINAL_AUDIO.map((m) => (
            <option key={m} value={m}>
              {ORIGINAL_LABEL[m]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="export-loudness">Loudness</label>
        <select
          id="export-loudness"
          value={audio.loudnessLufs ?? ''}
          onChange={(e) => onChange({ loudnessLufs: e.target.value === '' ? null : Number(e.target.value) })}
        >
          <option value="">Not normalised</option>
          {LOUDNESS_TARGETS.map((t) => (
            <option key={t} value={t}>
              {LOUDNESS_LABEL[t]}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
