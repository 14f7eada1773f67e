/** probeMedia/probeVideo on the real clip and on synthetic edge cases made with ffmpeg. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFrames } from '../../../main/engine/media/frame-reader';
import { probeMedia, probeVideo } from '../../../main/engine/media/probe';
import { ffmpeg, removeDir, sharedMedia, tmpDir } from '../../helpers/media';

let dir: string;
const f = { vfr: '', rotated: '', tenBit: '', twoAudio: '', silent: '' };

beforeAll(async () => {
  dir = tmpDir('redub-probe-');
  Object.assign(f, {
    vfr: join(dir, 'vfr.mp4'),
    rotated: join(dir, 'rotated.mp4'),
    tenBit: join(dir, '10bit.mp4'),
    twoAudio: join(dir, 'two-audio.mkv'),
    silent: join(dir, 'silent.mp4'),
  });
  const fast = ['-c:v', 'libx264', '-preset', 'ultrafast'];
  // Variable rate: 1 s at 10 fps, then 1 s at 30 fps, timestamps kept as they are.
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=s=160x120:r=10:d=1',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=s=160x120:r=30:d=1',
    '-filter_complex',
    '[0:v][1:v]concat=n=2:v=1[v]',
    '-map',
    '[v]',
    '-fps_mode',
    'vfr',
    ...fast,
    f.vfr,
  ]);
  // This ffmpeg (5.1) has no -display_rotation; the legacy rotate tag with -c copy writes a display matrix.
  const plain = join(dir, 'plain.mp4');
  await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=25:d=0.4', ...fast, '-pix_fmt', 'yuv420p', plain]);
  await ffmpeg(['-i', plain, '-c', 'copy', '-metadata:s:v', 'rotate=90', f.rotated]);
  await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=64x48:r=25:d=0.2', ...fast, '-pix_fmt', 'yuv420p10le', f.tenBit]);
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=s=64x48:r=25:d=0.2',
    '-f',
    'lavfi',
    '-i',
    'sine=f=440:r=48000:d=0.2',
    '-f',
    'lavfi',
    '-i',
    'sine=f=220:r=22050:d=0.2',
    '-map',
    '0',
    '-map',
    '1',
    '-map',
    '2',
    ...fast,
    '-c:a',
    'aac',
    '-ac:a:1',
    '2',
    '-metadata:s:a:0',
    'language=eng',
    '-metadata:s:a:1',
    'language=spa',
    f.twoAudio,
  ]);
  await ffmpeg(['-i', sharedMedia('talk3.mp4'), '-an', '-c', 'copy', f.silent]);
});

afterAll(() => removeDir(dir));

describe('probe', () => {
  it('reads duration, frame rate, size, pixel format and audio of talk3.mp4', async () => {
    const info = await probeVideo(sharedMedia('talk3.mp4'));
    expect(info.duration).toBeCloseTo(5.04, 2);
    expect(info.format).toMatch(/mp4/);
    expect(info.video).toMatchObject({ codec: 'h264', width: 590, height: 590, rotation: 0, fps: 25, fpsRational: '25/1' });
    expect(info.video).toMatchObject({ variableFrameRate: false, pixelFormat: 'yuv420p', frameCount: 125 });
    expect(info.audio).toEqual([expect.objectContaining({ codec: 'aac', sampleRate: 44100, channels: 2 })]);
  });

  it('detects a variable frame rate and reads it at the average rate', async () => {
    const info = await probeVideo(f.vfr);
    const v = info.video;
    expect(v.variableFrameRate).toBe(true);
    // 40 frames over ~1.97 s: the average, not the 30 fps timebase rate.
    expect(v.fps).toBeGreaterThan(19.5);
    expect(v.fps).toBeLessThan(21);
    expect(v.frameCount).toBe(40);
    const frames = [];
    for await (const fr of readFrames(f.vfr, v)) frames.push({ index: fr.index, time: fr.time });
    expect(Math.abs(frames.length - 40)).toBeLessThanOrEqual(1);
    frames.forEach((fr, i) => expect(fr).toEqual({ index: i, time: i / v.fps }));
  });

  it('a constant-rate file is not variable', async () => {
    expect((await probeVideo(f.rotated)).video.variableFrameRate).toBe(false);
  });

  it('reports rotation metadata and the displayed (rotated) size', async () => {
    const v = (await probeVideo(f.rotated)).video;
    expect([90, 270]).toContain(v.rotation);
    expect(v).toMatchObject({ codedWidth: 320, codedHeight: 180, width: 180, height: 320 });
  });

  it('reports the pixel format of a 10-bit file, which still reads as RGB24', async () => {
    const v = (await probeVideo(f.tenBit)).video;
    expect(v.pixelFormat).toBe('yuv420p10le');
    const frames = [];
    for await (const fr of readFrames(f.tenBit, v)) frames.push(fr);
    expect(frames).toHaveLength(5);
    expect(frames[0].data.length).toBe(64 * 48 * 3);
  });

  it('lists every audio stream with rate, channels and language', async () => {
    const info = await probeMedia(f.twoAudio);
    expect(info.audio).toEqual([
      { index: 1, codec: 'aac', sampleRate: 48000, channels: 1, language: 'eng' },
      { index: 2, codec: 'aac', sampleRate: 22050, channels: 2, language: 'spa' },
    ]);
  });

  it('a video without audio has no audio streams; a wav has no video', async () => {
    expect((await probeVideo(f.silent)).audio).toEqual([]);
    const wav = await probeMedia(sharedMedia('speech1.wav'));
    expect(wav.video).toBeUndefined();
    expect(wav.audio).toEqual([expect.objectContaining({ codec: 'pcm_s16le', sampleRate: 44100, channels: 2 })]);
    await expect(probeVideo(sharedMedia('speech1.wav'))).rejects.toThrow(/speech1\.wav: has no video stream/);
  });
});
