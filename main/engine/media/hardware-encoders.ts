import { ffmpegTools, runTool, spawnFfmpeg } from './ffmpeg';

/**
 * Hardware video encoders. `ffmpeg -encoders` lists every encoder the build was compiled with
 * (a Debian ffmpeg lists nvenc, qsv and vaapi on a machine with none of those devices), so
 * each listed one is tried on one frame, the way Redub feeds it (yuv420p from system memory):
 * only those that really encode are offered.
 */

const HARDWARE_PATTERN = /^(h264|hevc|av1|vp9)_(nvenc|qsv|vaapi|videotoolbox|amf|mf|v4l2m2m)$/;

/** A test encode that has not finished by then counts as failed (a missing driver can hang). */
const PROBE_TIMEOUT_MS = 5000;

export interface EncoderProbe {
  name: string;
  ok: boolean;
  /** ffmpeg's last error line, or the timeout. */
  error?: string;
}

/** Hardware encoders of our codecs that this ffmpeg build names (they may still fail without the device). */
export async function listedHardwareEncoders(): Promise<string[]> {
  const r = await runTool(ffmpegTools().ffmpeg, ['-hide_banner', '-encoders']);
  return r.stdout
    .toString()
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[1])
    .filter((name): name is string => !!name && HARDWARE_PATTERN.test(name));
}

/** ffmpeg's first complaint names the cause ("Cannot load libcuda.so.1"); later lines are generic. */
function firstError(stderr: string): string {
  const line = stderr
    .split('\n')
    .map((l) => l.replace(/^\[[^\]]* @ 0x[0-9a-f]+\]\s*/, '').trim())
    .find(Boolean);
  return line ?? 'the test encode failed';
}

/** One black frame through `name`, output discarded. */
function testEncode(name: string): Promise<EncoderProbe> {
  const args = ['-f', 'lavfi', '-i', 'color=c=black:s=256x144:r=25', '-frames:v', '1'];
  const proc = spawnFfmpeg([...args, '-c:v', name, '-pix_fmt', 'yuv420p', '-f', 'null', '-']);
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  proc.stdout.resume();
  proc.stdin.end();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      resolve({ name, ok: false, error: `no frame within ${PROBE_TIMEOUT_MS / 1000} s` });
    }, PROBE_TIMEOUT_MS);
    const done = (probe: EncoderProbe) => {
      clearTimeout(timer);
      resolve(probe);
    };
    proc.on('error', (e) => done({ name, ok: false, error: e.message }));
    proc.on('close', (code) => done(code === 0 ? { name, ok: true } : { name, ok: false, error: firstError(stderr) }));
  });
}

/** Results per ffmpeg binary, for the life of the process (devices do not come and go mid-run). */
const probes = new Map<string, Promise<EncoderProbe[]>>();

/** Every listed hardware encoder with the outcome of its test encode (all tried at once). */
export function probeHardwareEncoders(): Promise<EncoderProbe[]> {
  const { ffmpeg } = ffmpegTools();
  let p = probes.get(ffmpeg);
  if (!p) {
    p = listedHardwareEncoders().then((names) => Promise.all(names.map(testEncode)));
    p.catch(() => probes.delete(ffmpeg));
    probes.set(ffmpeg, p);
  }
  return p;
}

/** The hardware encoders that encoded a test frame here. */
export async function workingHardwareEncoders(): Promise<string[]> {
  return (await probeHardwareEncoders()).filter((p) => p.ok).map((p) => p.name);
}
