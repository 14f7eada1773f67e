/**
 * `redub doctor --json` offers only hardware encoders that really encode here. Each encoder the
 * ffmpeg build lists is tried again by this test, independently of the engine, on one frame.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { run, tmpDir } from '../helpers/media';

const HARDWARE = /^(h264|hevc|av1|vp9)_(nvenc|qsv|vaapi|videotoolbox|amf|mf|v4l2m2m)$/;

async function listed(): Promise<string[]> {
  const out = (await run('ffmpeg', ['-hide_banner', '-encoders'])).stdout.toString();
  return [...out.matchAll(/^ V[.A-Z]{5} (\S+)/gm)].map((m) => m[1]).filter((n) => HARDWARE.test(n));
}

async function encodes(name: string): Promise<boolean> {
  const args = ['-hide_banner', '-nostdin', '-f', 'lavfi', '-i', 'color=s=256x144:r=25', '-frames:v', '1'];
  return (await run('ffmpeg', [...args, '-c:v', name, '-pix_fmt', 'yuv420p', '-f', 'null', '-'])).code === 0;
}

describe('redub doctor', () => {
  it('--json lists exactly the hardware encoders that pass a one-frame test encode', async () => {
    const r = await runCli(['doctor', '--json'], { REDUB_MODELS_DIR: tmpDir('redub-doctor-models-') });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const names = await listed();
    const working: string[] = [];
    for (const n of names) if (await encodes(n)) working.push(n);
    expect(report.ffmpeg.hardwareEncodersListed).toBe(names.length);
    // On a machine without the devices (CI, this one) ffmpeg names several and doctor offers none.
    expect([...report.ffmpeg.hardwareEncoders].sort()).toEqual(working.sort());
  });
});
