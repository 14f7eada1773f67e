import type { Command } from 'commander';
import { resolve } from 'node:path';
import { measureLoudness } from '../../engine/media/loudness';
import { probeMedia } from '../../engine/media/probe';
import { printJson } from '../output';

export function registerProbe(program: Command): void {
  program
    .command('probe')
    .description('show duration, frame rate, size, rotation, streams and loudness of a media file')
    .argument('<file>', 'video or audio file')
    .option('--no-loudness', 'skip the loudness measure (it decodes the whole audio stream)')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { json?: boolean; loudness: boolean }) => {
      const info = await probeMedia(resolve(file));
      // The stream a dub uses: how loud it is, and how close to clipping.
      const loudness = opts.loudness && info.audio[0] ? await measureLoudness(info.path, info.audio[0].index) : undefined;
      if (opts.json) return printJson({ ...info, loudness });
      const v = info.video;
      console.log(`${info.path}\n  format   ${info.format}, ${info.duration.toFixed(3)} s, ${info.sizeBytes} bytes`);
      if (v) {
        const vfr = v.variableFrameRate ? ' (variable)' : '';
        console.log(
          `  video    ${v.codec} ${v.width}x${v.height} ${v.fps.toFixed(3)} fps${vfr}, ${v.frameCount} frames, ${v.pixelFormat}, rotation ${v.rotation}°`,
        );
      }
      for (const a of info.audio)
        console.log(`  audio    #${a.index} ${a.codec} ${a.sampleRate} Hz, ${a.channels} ch${a.language ? `, ${a.language}` : ''}`);
      if (loudness) {
        const peak = loudness.truePeakDbtp === null ? 'silent' : `true peak ${loudness.truePeakDbtp.toFixed(1)} dBTP`;
        console.log(
          `  loudness #${loudness.stream} ${loudness.integratedLufs.toFixed(1)} LUFS integrated, ${peak}, range ${loudness.rangeLu.toFixed(1)} LU`,
        );
      }
    });
}
