import { spawnSync } from 'node:child_process';

/**
 * Videos whose frames carry their own number as 16 black/white columns (bit b = column b),
 * which survives lossy encoding. Reading the columns back tells exactly which source frame
 * each output frame is: duplicated, missing or reordered frames show up at once.
 */
export const CODE_WIDTH = 640;
export const CODE_HEIGHT = 96;
const BITS = 16;

export function makeFrameCodedVideo(out: string, seconds: number, fps = 25, withAudio = true): void {
  const geq = `geq=lum='255*mod(floor(N/pow(2,floor(X/${CODE_WIDTH / BITS}))),2)':cb=128:cr=128`;
  const args = [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `color=black:s=${CODE_WIDTH}x${CODE_HEIGHT}:r=${fps}:d=${seconds},format=yuv444p,${geq}`,
  ];
  if (withAudio) args.push('-f', 'lavfi', '-i', `sine=frequency=300:duration=${seconds}`, '-shortest');
  args.push('-c:v', 'libx264', '-crf', '10', '-g', String(fps), '-pix_fmt', 'yuv420p', out);
  const r = spawnSync('ffmpeg', args);
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr}`);
}

/** Decodes a coded video (or any video made from one) to the frame numbers it shows. */
export function readFrameCodes(path: string): number[] {
  const r = spawnSync(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-f', 'rawvideo', '-pix_fmt', 'gray', '-s', `${CODE_WIDTH}x${CODE_HEIGHT}`, 'pipe:1'],
    { maxBuffer: 1 << 30 },
  );
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr}`);
  const size = CODE_WIDTH * CODE_HEIGHT;
  const codes: number[] = [];
  for (let off = 0; off + size <= r.stdout.length; off += size) {
    let n = 0;
    for (let b = 0; b < BITS; b++) {
      const x = Math.round((b + 0.5) * (CODE_WIDTH / BITS));
      if (r.stdout[off + (CODE_HEIGHT >> 1) * CODE_WIDTH + x] > 127) n |= 1 << b;
    }
    codes.push(n);
  }
  return codes;
}
