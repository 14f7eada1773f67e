/** FrameWriter outputs in every codec/container pair play back with the right codecs; encoder listing. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encoderArgs, type EncodeSettings } from '../../../main/engine/media/encoders';
import { listedHardwareEncoders } from '../../../main/engine/media/hardware-encoders';
import { readFrames } from '../../../main/engine/media/frame-reader';
import { FrameWriter } from '../../../main/engine/media/frame-writer';
import { probeVideo } from '../../../main/engine/media/probe';
import type { VideoFrame } from '../../../main/engine/pipeline/frame';
import { decodeErrors, ffprobeJson, removeDir, run, sharedMedia, tmpDir } from '../../helpers/media';

const W = 160;
const H = 160;
const N = 10;
let dir: string;
let frames: VideoFrame[];

beforeAll(async () => {
  dir = tmpDir('redub-writer-');
  const talk3 = sharedMedia('talk3.mp4');
  const v = (await probeVideo(talk3)).video;
  frames = [];
  for await (const f of readFrames(talk3, v, { maxFrames: N, width: W, height: H })) frames.push(f);
});

afterAll(() => removeDir(dir));

async function write(name: string, encode: EncodeSettings): Promise<string> {
  const out = join(dir, name);
  const audio = { clips: [{ file: sharedMedia('speech1.wav'), start: 0 }], duration: N / 25, padSilence: true };
  const writer = new FrameWriter({ out, width: W, height: H, fps: '25', encode, audio });
  for (const f of frames) await writer.write(f);
  await writer.finish();
  return out;
}

describe('FrameWriter', () => {
  it.each([
    { name: 'h265.mp4', codec: 'h265', video: 'hevc', tag: 'hvc1', audio: 'aac', format: /mp4/ },
    { name: 'vp9.webm', codec: 'vp9', video: 'vp9', tag: undefined, audio: 'opus', format: /webm/ },
  ] as const)('writes a playable $name', async (c) => {
    const out = await write(c.name, { codec: c.codec });
    expect(await decodeErrors(out)).toBe('');
    const info = await ffprobeJson(out, true);
    expect(info.format.format_name).toMatch(c.format);
    const v = info.streams.find((s) => s.codec_type === 'video')!;
    const a = info.streams.find((s) => s.codec_type === 'audio')!;
    expect(v).toMatchObject({ codec_name: c.video, width: W, height: H, nb_read_frames: String(N) });
    if (c.tag) expect(v.codec_tag_string).toBe(c.tag);
    expect(a.codec_name).toBe(c.audio);
  });

  it('leaves only the finished file behind (temp file renamed into place)', () => {
    expect(readdirSync(dir).sort()).toEqual(['h265.mp4', 'vp9.webm']);
  });

  it('rejects a frame of the wrong size and an aborted write leaves nothing', async () => {
    const out = join(dir, 'aborted.mp4');
    const writer = new FrameWriter({ out, width: W, height: H, fps: '25', encode: { codec: 'h264', preset: 'ultrafast' } });
    await writer.write(frames[0]);
    await expect(writer.write({ ...frames[1], data: new Uint8Array(10) })).rejects.toThrow(/expected 76800/);
    await writer.abort();
    expect(readdirSync(dir).filter((n) => n.includes('aborted'))).toEqual([]);
  });

  it('refuses codec/container mismatches with a one-line message', () => {
    expect(() => encoderArgs({ codec: 'h264' }, '/x/out.webm')).toThrow('/x/out.webm: a .webm output needs --codec vp9 (got h264)');
    expect(() => encoderArgs({ codec: 'vp9' }, '/x/out.mp4')).toThrow(/vp9 goes into \.webm or \.mkv/);
    expect(() => encoderArgs({ codec: 'h264' }, '/x/out.avi')).toThrow(/unsupported output format "\.avi"/);
  });
});

describe('listedHardwareEncoders', () => {
  it('returns exactly the hardware encoders of our codecs that ffmpeg lists', async () => {
    const listing = (await run('ffmpeg', ['-hide_banner', '-encoders'])).stdout.toString();
    // Encoder lines look like " V....D h264_nvenc  NVIDIA NVENC H.264 encoder (codec h264)".
    const listed = [...listing.matchAll(/^ [VAS][.A-Z]{5} (\S+)/gm)].map((m) => m[1]);
    const hw = await listedHardwareEncoders();
    for (const name of hw) expect(listed).toContain(name);
    const expected = listed.filter((n) => /^(h264|hevc|av1|vp9)_(nvenc|qsv|vaapi|videotoolbox|amf|mf|v4l2m2m)$/.test(n));
    expect(hw.sort()).toEqual(expected.sort());
    expect(hw.every((n) => !/^lib/.test(n))).toBe(true);
  });
});
