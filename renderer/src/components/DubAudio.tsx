import { useEffect, useRef } from 'react';
import type { RedubBridge } from '../../../common/contract';
import type { DubClip } from '../../../common/domain';
import { clipLength, clipMediaTime } from '../timeline-time';

interface Props {
  api: RedubBridge;
  name: string;
  clips: DubClip[];
  /** Timeline seconds (the master clock: the source video). */
  time: number;
  /** Playing forwards on the B monitor. */
  active: boolean;
  rate: number;
}

/** Drift past this (s) is corrected by a seek; below it, a seek would only stutter. */
const MAX_DRIFT = 0.08;

/**
 * Every clip of the B monitor's language, each an <audio> that plays only inside its slot on the
 * timeline: from `start`, its media from the head trim on, until the tail trim (as the export
 * mixes them; the export also applies gains above 0 dB and the stretch policy, which an element
 * cannot). Follows the master clock each frame.
 */
export function DubAudio({ api, name, clips, time, active, rate }: Props) {
  const refs = useRef(new Map<string, HTMLAudioElement>());
  useEffect(() => {
    for (const c of clips) {
      const a = refs.current.get(c.id);
      if (!a) continue;
      a.volume = Math.min(1, 10 ** (c.gainDb / 20));
      const media = clipMediaTime(c, time);
      const inside = time >= c.start && time < c.start + clipLength(c);
      if (!active || !inside) {
        if (!a.paused) a.pause();
        continue;
      }
      if (Math.abs(a.currentTime - media) > MAX_DRIFT) a.currentTime = media;
      a.playbackRate = rate;
      if (a.paused) void a.play().catch(() => undefined);
    }
  }, [clips, time, active, rate]);
  return (
    <>
      {clips.map((c, i) => (
        <audio
          key={c.id}
          ref={(el) => {
            if (el) refs.current.set(c.id, el);
            else refs.current.delete(c.id);
          }}
          src={api.resolveUrl(c.url)}
          preload="auto"
          data-clip-start={c.start}
          aria-label={i === 0 ? `${name} dub audio` : `${name} dub audio, clip ${i + 1}`}
        />
      ))}
    </>
  );
}
