import { invalid } from '../errors';
import type { ApiCalls, ApiContext } from './context';

/** No segment shorter than one frame at 25 fps. */
const MIN_SEGMENT = 0.04;

const FIELD_LABEL: Record<string, string> = {
  emotionTemplate: 'emotion',
  intensity: 'intensity',
  lipsyncEnabled: 'lip-sync',
  text: 'text',
};

/** Splitting segments and changing their emotion and lip-sync settings. */
export function segmentCalls(ctx: ApiContext): ApiCalls<'splitSegment' | 'updateSegment'> {
  return {
    async splitSegment({ segmentId, time }) {
      const store = ctx.storeOfSegment(segmentId);
      const seg = store.segments.get(segmentId);
      if (time < seg.start + MIN_SEGMENT || time > seg.end - MIN_SEGMENT) {
        throw invalid(
          `splitSegment: time ${time.toFixed(3)} s is not inside the segment (${seg.start.toFixed(2)}–${seg.end.toFixed(2)} s)`,
          'time',
        );
      }
      return ctx.edit(store, `Split at ${time.toFixed(2)} s`, () => void store.segments.split(segmentId, time));
    },

    async updateSegment({ segmentId, patch }) {
      const store = ctx.storeOfSegment(segmentId);
      const what = Object.keys(patch)
        .map((k) => FIELD_LABEL[k] ?? k)
        .join(', ');
      return ctx.edit(store, `Change ${what}`, () => void store.segments.update(segmentId, patch));
    },
  };
}
