import type { EmotionTemplate } from '../../../common/domain';

/** One colour per emotion template: segments read at a glance on the timeline. */
export const EMOTION_STYLE: Record<EmotionTemplate, { label: string; color: string }> = {
  neutral: { label: 'Neutral', color: '#7c8aa5' },
  smile: { label: 'Smile', color: '#f2b84b' },
  sad: { label: 'Sad', color: '#5b8def' },
  surprised: { label: 'Surprised', color: '#b57cf2' },
  angry: { label: 'Angry', color: '#ef5b5b' },
};

export function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
