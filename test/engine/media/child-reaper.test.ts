/**
 * An ffmpeg child dies with the engine, even when the engine is SIGKILLed and so cannot stop it
 * itself: the reaper beside the engine sees its pipe close and kills what is still listed.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, sharedMedia } from '../../helpers/media';
import { isRunning as alive } from '../../helpers/process';

const FIXTURE = fileURLToPath(new URL('./fixtures/hold-ffmpeg.ts', import.meta.url));

describe('ffmpeg children of a killed engine', () => {
  it('are killed when the engine is SIGKILLed mid-run', async () => {
    const engine = spawn(process.execPath, ['--import', 'tsx', FIXTURE, sharedMedia('speech1.wav')], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      engine.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
      engine.once('exit', () => reject(new Error('the engine fixture exited early')));
    });
    let ffmpegAlive = alive(pid);
    try {
      expect(ffmpegAlive).toBe(true);
      await sleep(200);
      expect(alive(pid), 'ffmpeg runs while the engine does').toBe(true);
      engine.kill('SIGKILL');
      for (const end = Date.now() + 5000; ffmpegAlive && Date.now() < end; await sleep(25)) ffmpegAlive = alive(pid);
      expect(ffmpegAlive, 'ffmpeg outlived the engine').toBe(false);
    } finally {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
