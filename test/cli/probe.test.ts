/** `redub probe`: the facts a user needs, as text and as JSON, and a one-line error otherwise. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { sharedMedia } from '../helpers/media';

describe('redub probe', () => {
  it('prints duration, rate, size, rotation and streams of talk3.mp4 as JSON', async () => {
    const r = await runCli(['probe', sharedMedia('talk3.mp4'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.duration).toBeCloseTo(5.04, 2);
    expect(info.video).toMatchObject({ width: 590, height: 590, fps: 25, frameCount: 125, rotation: 0, variableFrameRate: false });
    expect(info.audio).toHaveLength(1);
  });

  it('prints a readable summary, and a one-line error for a missing file', async () => {
    const ok = await runCli(['probe', sharedMedia('talk3.mp4')]);
    expect(ok.stdout).toMatch(/video\s+h264 590x590 25\.000 fps, 125 frames, yuv420p, rotation 0°/);
    expect(ok.stdout).toMatch(/audio\s+#1 aac 44100 Hz, 2 ch/);
    const missing = sharedMedia('nope.mp4');
    const bad = await runCli(['probe', missing]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim()).toBe(`redub: error: ${missing}: file not found`);
  });
});
