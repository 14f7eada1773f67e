import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MEL, melSpectrogramOfFile } from '../../../main/engine/audio-features/mel';
import { lowerFaceMask } from '../../../main/engine/analysis/lower-face-mask';
import { runDub } from '../../../main/engine/dub/dub';
import { analyzeVideo } from '../../../main/engine/face';
import type { FaceTrack } from '../../../main/engine/face/types';
import type { LipsyncRequest } from '../../../main/engine/stages';
import { runCli } from '../../helpers/cli';
import { bestLag, mouthShift, predictedMouthShift, psnrOutside, readClip, type Clip } from './measure';
import { makeNeuralEnv, NOISE_ONSET, type NeuralEnv } from './neural-env';

const FPS = 25;
const FRAMES = 25;
const SIZE = 590;
/** The dub starts this late on the video's timeline (windows must account for it). */
const OFFSET = 0.2;

let env: NeuralEnv;
let track: FaceTrack;
let input: Clip;

/**
 * The fixture adds mean(window)/8 to the face: the brightness step each frame should show,
 * from the dub's mel computed here (video time i/fps − offset; silence outside the dub).
 */
async function expectedShift(dub: string, offset: number): Promise<number[]> {
  const mel = await melSpectrogramOfFile(dub);
  return Array.from({ length: FRAMES }, (_, i) => {
    const t = i / FPS - offset;
    if (t < 0) return -MEL.maxAbs / 8;
    const start = Math.min(Math.floor(t * MEL.columnsPerSecond), mel.frames - MEL.windowColumns);
    let sum = 0;
    for (let b = 0; b < MEL.bands; b++) for (let c = 0; c < MEL.windowColumns; c++) sum += mel.data[b * mel.frames + start + c];
    return sum / (MEL.bands * MEL.windowColumns) / 8;
  });
}

beforeAll(async () => {
  env = await makeNeuralEnv(FRAMES / FPS);
  track = await analyzeVideo(env.clip);
  input = await readClip(env.clip, FRAMES, SIZE, SIZE);
});

describe('wav2lip adapter through `redub dub`', () => {
  let output: Clip;

  beforeAll(async () => {
    const out = join(env.dir, 'wav2lip.mp4');
    const r = await runCli(
      [
        'dub',
        '--video',
        env.clip,
        '--audio',
        env.dub,
        '--out',
        out,
        '--offset',
        String(OFFSET),
        '--lipsync',
        'wav2lip_96',
        '--batch',
        '16',
      ],
      env.env,
    );
    expect(r.code, r.stderr).toBe(0);
    output = await readClip(out, FRAMES, SIZE, SIZE);
  });

  it('changes frames only inside the lower face', () => {
    const db = psnrOutside(output, input, track, (lm, w, h) => lowerFaceMask(lm, w, h, 0.1));
    console.info(`wav2lip: PSNR outside the dilated lower face ${db.toFixed(1)} dB`);
    expect(db).toBeGreaterThanOrEqual(40);
  });

  it('shows the fixture effect in the mouth, and frame i received the window of frame i', async () => {
    const measured = mouthShift(output, input, track);
    const predicted = predictedMouthShift(input, track, await expectedShift(env.dub, OFFSET));
    console.info(`mouth shift per frame: ${measured.map((v) => v.toFixed(0)).join(' ')}`);
    console.info(`predicted (window i): ${predicted.map((v) => v.toFixed(0)).join(' ')}`);
    // Silence darkens the mouth by about 100 levels; the noise, once it fills the window, brightens it.
    expect(Math.max(...measured.slice(0, 12))).toBeLessThan(-40);
    const full = Math.ceil((NOISE_ONSET + OFFSET) * FPS);
    expect(Math.min(...measured.slice(full, FRAMES))).toBeGreaterThan(Math.max(...measured.slice(0, 12)) + 60);
    // Every frame reads what its own window predicts; a window one frame off would miss the
    // ramp (frames 16–20) by 20 levels or more.
    const worst = Math.max(...measured.map((v, i) => Math.abs(v - predicted[i])));
    expect(worst).toBeLessThan(12);
    expect(bestLag(measured, predicted)).toBe(0);
    // The jump: the first frame above the silent level is the first whose window hears noise (± 1).
    const rise = (xs: number[]) => xs.findIndex((v) => v > Math.max(...xs.slice(0, 12)) + 10);
    expect(Math.abs(rise(measured) - rise(predicted))).toBeLessThanOrEqual(1);
  });
});

describe('edtalk and enhancers (runDub in-process)', () => {
  async function dub(name: string, lipsync: LipsyncRequest): Promise<Clip> {
    const out = join(env.dir, `${name}.mp4`);
    await runDub({ video: env.clip, audio: env.dub, out, lipsync, batchSize: 16 });
    return readClip(out, FRAMES, SIZE, SIZE);
  }

  it('edtalk_256: lower face only; mouth follows the window', async () => {
    const output = await dub('edtalk', { engine: 'edtalk_256' });
    const db = psnrOutside(output, input, track, (lm, w, h) => lowerFaceMask(lm, w, h, 0.1));
    const shift = mouthShift(output, input, track);
    console.info(`edtalk: PSNR outside lower face ${db.toFixed(1)} dB; mouth shift ${shift.map((v) => v.toFixed(0)).join(' ')}`);
    expect(db).toBeGreaterThanOrEqual(40);
    // weight 0.5 × mean(window): silence −2 → black mouth; noise later brightens it.
    expect(shift[0]).toBeLessThan(-40);
    expect(shift[FRAMES - 1]).toBeGreaterThan(shift[0] + 60);
  });
});

describe('segments with lip-sync off', () => {
  it('leave their frames as they are', async () => {
    const out = join(env.dir, 'off.mp4');
    await runDub({ video: env.clip, audio: env.dub, out, lipsync: { engine: 'wav2lip_96', lipsyncOff: [[0, 0.4]] }, batchSize: 16 });
    const shift = mouthShift(await readClip(out, FRAMES, SIZE, SIZE), input, track);
    expect(Math.max(...shift.slice(0, 10).map(Math.abs))).toBeLessThan(3);
    expect(shift[11]).toBeLessThan(-40);
  });
});

describe('missing model', () => {
  it('fails before writing anything, naming the model, size, licence and command', async () => {
    const out = join(env.dir, 'missing', 'gan.mp4');
    mkdirSync(join(env.dir, 'missing'));
    const r = await runCli(['dub', '--video', env.clip, '--audio', env.dub, '--out', out, '--lipsync', 'wav2lip_gan_96'], env.env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/wav2lip_gan_96 is not installed .*licence .*redub models download wav2lip_gan_96/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(env.dir, 'missing'))).toEqual([]);
  });
});
