/** mm:ss.cc — what an editor shows next to the playhead. */
export function formatTime(t: number): string {
  const s = Math.max(0, t);
  const m = Math.floor(s / 60);
  const sec = s - m * 60;
  return `${String(m).padStart(2, '0')}:${sec.toFixed(2).padStart(5, '0')}`;
}

/** Accepts "2.5", "2,5", "0:02.5" or "1:02:03.5". */
export function parseTime(text: string): number | null {
  const parts = text.trim().replace(',', '.').split(':');
  if (parts.length === 0 || parts.length > 3 || parts.some((p) => p === '' || Number.isNaN(Number(p)))) return null;
  const t = parts.reduce((acc, p) => acc * 60 + Number(p), 0);
  return Number.isFinite(t) && t >= 0 ? t : null;
}
