/**
 * Inputs of the lip-sync quality benchmark, made once into the bench cache: the clips' own
 * audio tracks as dubs, the held-out cuts, and the espeak-ng dub with pauses.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { extname, join } from 'node:path';
import { makeDubWithPauses } from '../../engine/lipsync/dub-with-pauses';
import { ffmpeg, sharedMedia, tmpDir, removeDir } from '../../helpers/media';

/** Where the held-out split falls: the video is the clip before it, the dub and the truth after it. */
export const HELD_OUT_SECONDS = 3;

export class BenchInputs {
  private readonly dir: string;

  constructor(cacheDir: string) {
    this.dir = join(cacheDir, 'lipsync-quality');
    mkdirSync(this.dir, { recursive: true });
  }

  /** Runs `make(tmp)` once; the file appears at its name only when complete. */
  private async once(name: string, make: (tmp: string) => Promise<unknown>): Promise<string> {
    const path = join(this.dir, name);
    if (existsSync(path)) return path;
    const ext = extname(name);
    const tmp = `${path.slice(0, -ext.length)}.tmp${ext}`;
    await make(tmp);
    renameSync(tmp, path);
    return path;
  }

  source(clip: string): string {
    return sharedMedia(`${clip}.mp4`);
  }

  /** A dub by name: speech1/speech2 (shared WAVs), talkN (that clip's audio track), espeak (Spanish with ~1 s pauses). */
  async dub(name: string): Promise<string> {
    if (name.startsWith('speech')) return sharedMedia(`${name}.wav`);
    if (name === 'espeak') {
      return this.once('es-pauses.wav', async (tmp) => {
        const work = tmpDir('redub-lipsync-quality-espeak-');
        try {
          renameSync(await makeDubWithPauses(work), tmp);
        } finally {
          removeDir(work);
        }
      });
    }
    return this.once(`${name}-audio.wav`, (tmp) => ffmpeg(['-i', this.source(name), '-map', '0:a:0', '-c:a', 'pcm_s16le', tmp]));
  }

  /**
   * The held-out case of a clip: video = its first 3 s (with their own audio: the engine learns
   * from it), dub = its audio from 3 s on, truth = its frames from 3 s on (lossless).
   */
  async heldOut(clip: string, fps: number): Promise<{ video: string; audio: string; truth: string }> {
    const src = this.source(clip);
    const first = Math.round(HELD_OUT_SECONDS * fps);
    const video = await this.once(`${clip}-first${HELD_OUT_SECONDS}s.mp4`, (tmp) =>
      ffmpeg([
        '-i',
        src,
        '-frames:v',
        String(first),
        '-t',
        String(HELD_OUT_SECONDS),
        '-c:v',
        'libx264',
        '-crf',
        '10',
        '-c:a',
        'aac',
        '-b:a',
        '192k',
        tmp,
      ]),
    );
    const audio = await this.once(`${clip}-after${HELD_OUT_SECONDS}s.wav`, (tmp) =>
      ffmpeg(['-i', src, '-map', '0:a:0', '-af', `atrim=start=${HELD_OUT_SECONDS},asetpts=PTS-STARTPTS`, '-c:a', 'pcm_s16le', tmp]),
    );
    const truth = await this.once(`${clip}-from${HELD_OUT_SECONDS}s.mkv`, (tmp) =>
      ffmpeg(['-i', src, '-map', '0:v:0', '-vf', `select=gte(n\\,${first}),setpts=PTS-STARTPTS`, '-c:v', 'ffv1', tmp]),
    );
    return { video, audio, truth };
  }
}
