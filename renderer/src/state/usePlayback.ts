import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProjectView } from '../../../common/domain';
import { frameAt, lastFrameOf, timeOfFrame } from '../timeline-time';
import { useResetOn } from './useDerivedState';

/**
 * A = the original audio, B = a dub language (video muted, dub audio in sync); the A|B wipe
 * shows both pictures side by side and sounds as B does.
 */
export type Monitor = 'original' | 'dub' | 'wipe';

export interface Playback {
  videoRef: React.RefObject<HTMLVideoElement | null>;
  dubRef: React.RefObject<HTMLAudioElement | null>;
  time: number;
  playing: boolean;
  /** Shuttle speed: negative while J-shuttling backwards. */
  rate: number;
  monitor: Monitor;
  setMonitor(m: Monitor): void;
  seek(t: number): void;
  toggle(): void;
  pause(): void;
  stepFrames(n: number): void;
  /** J/K/L: -1 backwards (faster on repeat), 0 stop, +1 forwards (faster on repeat). */
  shuttle(direction: -1 | 0 | 1): void;
}

/**
 * The master clock is the <video> element; the dub's <audio> follows it. Backwards shuttle
 * is emulated by stepping (browsers cannot play media in reverse).
 */
export function usePlayback(project: ProjectView | null, dubStart: number): Playback {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const dubRef = useRef<HTMLAudioElement | null>(null);
  const [time, setTime] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [rate, setRate] = useState(0);
  const [monitor, setMonitorState] = useState<Monitor>('original');
  const reverseTimer = useRef<number | undefined>(undefined);
  const timeRef = useRef(0);
  const duration = project?.source.duration ?? 0;
  const fps = project?.source.fps ?? 25;
  const last = project ? lastFrameOf(project.source) : 0;

  const clamp = useCallback((t: number) => Math.min(Math.max(0, t), duration), [duration]);

  const syncDub = useCallback(
    (t: number) => {
      const a = dubRef.current;
      if (a && Math.abs(a.currentTime - (t - dubStart)) > 0.08) a.currentTime = Math.max(0, t - dubStart);
    },
    [dubStart],
  );

  const stopReverse = () => {
    if (reverseTimer.current !== undefined) window.clearInterval(reverseTimer.current);
    reverseTimer.current = undefined;
  };

  const pause = useCallback(() => {
    stopReverse();
    videoRef.current?.pause();
    dubRef.current?.pause();
    setPlaying(false);
    setRate(0);
  }, []);

  const seek = useCallback(
    (t: number) => {
      const c = clamp(t);
      timeRef.current = c;
      setTime(c);
      if (videoRef.current) videoRef.current.currentTime = c;
      syncDub(c);
    },
    [clamp, syncDub],
  );

  const playForward = useCallback(
    (speed: number) => {
      stopReverse();
      const v = videoRef.current;
      if (!v) return;
      if (timeRef.current >= duration - timeOfFrame(1, fps)) seek(0);
      v.playbackRate = speed;
      v.muted = monitor !== 'original';
      void v.play().catch(() => undefined);
      const a = dubRef.current;
      if (a && monitor !== 'original') {
        a.playbackRate = speed;
        syncDub(timeRef.current);
        void a.play().catch(() => undefined);
      }
      setPlaying(true);
      setRate(speed);
    },
    [duration, fps, monitor, seek, syncDub],
  );

  const toggle = useCallback(() => (playing ? pause() : playForward(1)), [playing, pause, playForward]);

  const stepFrames = useCallback(
    (n: number) => {
      pause();
      // Land exactly on a frame boundary (plus a hair so the decoder shows that frame).
      const f = frameAt(timeRef.current, fps) + n;
      seek(timeOfFrame(Math.min(Math.max(0, f), last), fps));
    },
    [last, fps, pause, seek],
  );

  const shuttle = useCallback(
    (direction: -1 | 0 | 1) => {
      if (direction === 0) return pause();
      if (direction === 1) return playForward(rate > 0 ? Math.min(rate * 2, 8) : 1);
      const speed = rate < 0 ? Math.min(-rate * 2, 8) : 1;
      videoRef.current?.pause();
      dubRef.current?.pause();
      stopReverse();
      const tick = 50;
      reverseTimer.current = window.setInterval(() => {
        const next = timeRef.current - (speed * tick) / 1000;
        if (next <= 0) pause();
        seek(Math.max(0, next));
      }, tick);
      setPlaying(true);
      setRate(-speed);
    },
    [pause, playForward, rate, seek],
  );

  // While playing forwards, follow the video element each animation frame.
  useEffect(() => {
    if (!playing || rate <= 0) return;
    let raf = 0;
    const loop = () => {
      const v = videoRef.current;
      if (v) {
        timeRef.current = v.currentTime;
        setTime(v.currentTime);
        if (v.ended) pause();
      }
      raf = requestAnimationFrame(loop);
    };
    raf = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(raf);
  }, [playing, rate, pause]);

  const setMonitor = useCallback(
    (m: Monitor) => {
      setMonitorState(m);
      const v = videoRef.current;
      if (v) v.muted = m !== 'original';
      const a = dubRef.current;
      if (a) {
        if (m !== 'original' && playing && rate > 0) {
          syncDub(timeRef.current);
          void a.play().catch(() => undefined);
        } else a.pause();
      }
    },
    [playing, rate, syncDub],
  );

  // A different project starts at the beginning, stopped: state resets while rendering, the
  // media elements (outside React) in an effect.
  const projectId = project?.id;
  useResetOn(projectId, () => {
    setTime(0);
    setPlaying(false);
    setRate(0);
  });
  useEffect(() => {
    stopReverse();
    videoRef.current?.pause();
    dubRef.current?.pause();
    timeRef.current = 0;
  }, [projectId]);

  useEffect(() => () => stopReverse(), []);

  return { videoRef, dubRef, time, playing, rate, monitor, setMonitor, seek, toggle, pause, stepFrames, shuttle };
}
