import { beforeAll, describe, expect, it } from 'vitest';
import { landmarkJitter, opennessSeries } from '../../../main/engine/analysis/face-series';
import { pearson } from '../../../main/engine/analysis/stats';
import { analyzeVideo } from '../../../main/engine/face/analyze';
import { sharedMedia } from '../../helpers/media';
import { useFaceEnv } from './face-env';

beforeAll(() => useFaceEnv('redub-face-smooth-'));

describe('landmark smoothing on talk3', () => {
  it('steadies the eye corners while the mouth-gap signal keeps its peaks', async () => {
    const raw = await analyzeVideo(sharedMedia('talk3.mp4'), { smoothing: false });
    const smooth = await analyzeVideo(sharedMedia('talk3.mp4'));
    const jRaw = landmarkJitter(raw),
      jSmooth = landmarkJitter(smooth);
    const gRaw = opennessSeries(raw),
      gSmooth = opennessSeries(smooth);
    const maxRatio = Math.max(...gSmooth) / Math.max(...gRaw);
    const r = pearson(gRaw, gSmooth);
    console.info(
      `talk3 jitter raw ${jRaw.toFixed(5)} → smoothed ${jSmooth.toFixed(5)}; mouth gap max ratio ${maxRatio.toFixed(3)}, correlation ${r.toFixed(3)}`,
    );
    expect(jSmooth).toBeLessThan(jRaw * 0.95);
    expect(maxRatio).toBeGreaterThanOrEqual(0.8);
    expect(r).toBeGreaterThan(0.9);
  });
});
