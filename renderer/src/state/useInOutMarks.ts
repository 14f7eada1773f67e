import { useRemembered } from './remembered';

interface Marks {
  in: number | null;
  out: number | null;
}
const mark = (t: unknown) => (typeof t === 'number' && Number.isFinite(t) && t >= 0 ? t : null);
const parseMarks = (saved: unknown): Marks => {
  const s = (saved ?? {}) as Partial<Record<keyof Marks, unknown>>;
  return { in: mark(s.in), out: mark(s.out) };
};

/** The timeline's In (I) and Out (O) marks, seconds, remembered per project like the export choices. */
export function useInOutMarks(projectId: string | null) {
  const [marks, setMarks] = useRemembered('inOutMarks', projectId, parseMarks);
  return {
    inPoint: marks.in,
    outPoint: marks.out,
    setIn: (t: number) => setMarks({ ...marks, in: t }),
    setOut: (t: number) => setMarks({ ...marks, out: t }),
  };
}
