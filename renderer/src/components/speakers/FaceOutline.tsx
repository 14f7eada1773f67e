import type { ProjectView } from '../../../../common/domain';
import { speakerColor } from './colors';
import './speakers.css';

/** In the monitor: an outline of the face the selected line drives (its speaker's typical face box). */
export function FaceOutline({ project, speaker }: { project: ProjectView; speaker: string | null }) {
  const s = speaker ? project.speakers.find((x) => x.id === speaker) : undefined;
  const { width, height } = project.source;
  if (!s?.box || !width || !height) return null;
  const pct = (v: number, of: number) => `${(100 * v) / of}%`;
  return (
    <div
      className="face-outline"
      data-speaker={s.id}
      aria-label={`Face of ${s.name}`}
      style={{
        left: pct(s.box.x, width),
        top: pct(s.box.y, height),
        width: pct(s.box.w, width),
        height: pct(s.box.h, height),
        ['--speaker' as string]: speakerColor(s.id, project.speakers) ?? undefined,
      }}
    >
      <span>{s.name}</span>
    </div>
  );
}
