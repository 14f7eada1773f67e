import { describe, expect, it } from 'vitest';
import { mouthLayers } from '../../../main/engine/lipsync/builtin/crossfade';

const all = () => true;

describe('cross-fades at plan jumps', () => {
  // Source frames 10, 11, 12 then a jump to 40, 41, 42.
  const choice = Int32Array.from([10, 11, 12, 40, 41, 42]);

  it('blends both runs on the frame before and after a jump, each continuing in its own order', () => {
    expect(mouthLayers(choice, 2, 1, all)).toEqual([
      { sourceIndex: 12, weight: 1 },
      { sourceIndex: 39, weight: 0.25 },
    ]);
    expect(mouthLayers(choice, 3, 1, all)).toEqual([
      { sourceIndex: 13, weight: 1 },
      { sourceIndex: 40, weight: 0.75 },
    ]);
  });

  it('leaves runs, holds and near jumps alone, and frames a mouth of the fade cannot come from', () => {
    expect(mouthLayers(choice, 1, 1, all)).toEqual([{ sourceIndex: 11, weight: 1 }]);
    expect(mouthLayers(choice, 5, 1, all)).toEqual([{ sourceIndex: 42, weight: 1 }]);
    expect(mouthLayers(Int32Array.from([10, 10, 12, 11]), 1, 1, all)).toEqual([{ sourceIndex: 10, weight: 1 }]);
    expect(mouthLayers(Int32Array.from([10, 10, 12, 11]), 3, 1, all)).toEqual([{ sourceIndex: 11, weight: 1 }]);
    expect(mouthLayers(choice, 3, 1, (j) => j !== 13)).toEqual([{ sourceIndex: 40, weight: 1 }]);
    expect(mouthLayers(choice, 3, 0, all)).toEqual([{ sourceIndex: 40, weight: 1 }]);
  });

  it('fades over two frames on each side with half = 2', () => {
    expect(mouthLayers(choice, 1, 2, all).map((l) => l.weight)).toEqual([1, 0.125]);
    expect(mouthLayers(choice, 4, 2, all)).toEqual([
      { sourceIndex: 14, weight: 1 },
      { sourceIndex: 41, weight: 0.875 },
    ]);
  });
});
