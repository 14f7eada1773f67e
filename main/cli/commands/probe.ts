import type { Command } from 'commander';
import { resolve } from 'node:path';
import { probeMedia } from '../../engine/media/probe';
import { printJson } from '../output';

export function registerProbe(program: Command): void {
  program
    .command('probe')
    .description('show duration, frame rate, size, rotation and streams of a media file')
    .argument('<file>', 'video or audio file')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { json?: boolean }) => {
      const info = await probeMedia(resolve(file));
      if (opts.json) return printJson(info);
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
    });
}
