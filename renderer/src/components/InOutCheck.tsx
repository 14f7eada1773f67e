import { formatTime } from '../format';
import { useRemembered } from '../state/remembered';

/** The timeline's In–Out marks, seconds. */
export interface InOutRange {
  start: number;
  end: number;
}

/** Both marks set, Out after In: a range to export; otherwise null. */
export function inOutRange(inPoint: number | null, outPoint: number | null): InOutRange | null {
  return inPoint !== null && outPoint !== null && outPoint > inPoint ? { start: inPoint, end: outPoint } : null;
}

/** Whether "Export In to Out" is ticked, remembered per project with the marks themselves (useInOutMarks). */
export const useExportInOut = (projectId: string) => useRemembered('exportInOut', projectId, (saved) => saved === true);

/** "Export In to Out": only offered once In (I) and Out (O) are set. */
export function InOutCheck({ inOut, checked, onChange }: { inOut: InOutRange | null; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="check" title={inOut ? undefined : 'Set In (I) and Out (O) on the timeline first'}>
      <input type="checkbox" checked={checked && inOut !== null} disabled={!inOut} onChange={(e) => onChange(e.target.checked)} /> Export In
      to Out
      {inOut && (
        <span className="hint small" data-testid="export-inout">
          {' '}
          {formatTime(inOut.start)} – {formatTime(inOut.end)}
        </span>
      )}
    </label>
  );
}
