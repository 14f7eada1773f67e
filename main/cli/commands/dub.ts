import { Option, type Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { cueSpans, parseSubtitles } from '../../engine/project/subtitles';
import { writeContactSheet, type ContactSheet } from '../../engine/analysis/contact-sheet';
import { runDub } from '../../engine/dub/dub';
import { DURATION_POLICIES, type DurationPolicy } from '../../engine/dub/duration-policy';
import { RedubError } from '../../engine/errors';
import type { VideoCodec } from '../../engine/media/encoders';
import { EMOTION_TEMPLATES, type EmotionTemplate } from '../../engine/store/types';
import { endProgress, printJson, printPhase, printProgress } from '../output';
import { cancelOnSignals } from '../signals';

interface DubOptions {
  video: string;
  audio: string;
  out: string;
  offset: string;
  policy: DurationPolicy;
  lipsync: string;
  enhance?: string;
  emotion?: EmotionTemplate;
  intensity: string;
  codec: VideoCodec;
  crf?: string;
  preset?: string;
  hwEncoder?: string;
  batch: string;
  debugOverlay?: boolean;
  script?: string;
  language?: string;
  json?: boolean;
  contactSheet?: string;
  speaker?: string;
  speakers?: 'auto';
}

/** The cues of `--script` (SRT/WebVTT, on the dub's timeline) moved onto the video timeline. */
async function readScript(path: string | undefined, offset: number): Promise<{ start: number; end: number; text: string }[] | undefined> {
  if (!path) return undefined;
  const text = await readFile(path, 'utf8').catch(() => {
    throw new RedubError('FILE_NOT_FOUND', 'script file not found or unreadable', path);
  });
  return cueSpans(parseSubtitles(text, path)).map((c) => ({ ...c, start: c.start + offset, end: c.end + offset }));
}

function number(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new RedubError('INVALID_ARGUMENT', `--${name} expects a number, got "${value}"`);
  return n;
}

/** What the sheet shows where: the crops' times, then the full-frame pairs. */
function contactSheetLine(s: ContactSheet, fps: number): string {
  const t = (i: number) => `${(i / fps).toFixed(2)} s`;
  const poses = s.poseFrames.map((p) => `${p.kind} at ${t(p.index)}`).join(', ');
  return `wrote ${s.out}: mouth crops (top: original, below: dub) at ${s.mouthFrames.map(t).join(', ')}; full frames (original | dub): ${poses}`;
}

export function registerDub(program: Command): void {
  program
    .command('dub')
    .description('replace the audio of a video with a dub, lip-syncing the face to it')
    .requiredOption('--video <file>', 'source video')
    .requiredOption('--audio <file>', 'dubbed audio (any format ffmpeg reads)')
    .requiredOption('--out <file>', 'output video (.mp4, .mov, .webm, .mkv)')
    .option('--offset <seconds>', 'where the dub starts on the video timeline', '0')
    .addOption(new Option('--policy <policy>', 'when lengths differ').choices(DURATION_POLICIES).default('cut'))
    .option('--lipsync <engine>', 'lip-sync engine: builtin (no download), a model name (e.g. wav2lip_gan_96), or none', 'builtin')
    .option('--enhance <model>', 'face enhancement model')
    .addOption(new Option('--emotion <template>', 'emotion template').choices(EMOTION_TEMPLATES))
    .option('--intensity <0..1>', 'emotion intensity', '1')
    .addOption(new Option('--codec <codec>', 'video codec').choices(['h264', 'h265', 'vp9']).default('h264'))
    .option('--crf <n>', 'constant rate factor (quality; lower is better)')
    .option('--preset <name>', 'encoder preset')
    .option('--hw-encoder <name>', 'hardware encoder reported by ffmpeg (e.g. h264_nvenc)')
    .option('--batch <n>', 'frames per batch through the stages', '8')
    .option('--debug-overlay', 'draw landmarks and masks on the output')
    .option('--script <file>', "the dub's words as SRT/WebVTT cues (timed like the dub): visemes follow them")
    .option('--language <code>', "the dub's language for --script (espeak-ng voice: es, de, en, fr, …)")
    .option('--speaker <id>', 'put the whole dub on this speaker (an id from `redub analyze`, e.g. speaker2)')
    .addOption(new Option('--speakers <mode>', 'each line to the face speaking in the original at that time').choices(['auto']))
    .option('--json', 'print a machine-readable summary at the end')
    .option('--contact-sheet <png>', 'also write original vs dubbed mouth crops at evenly spaced times, and head-down / turned frames')
    .action(async (o: DubOptions) => {
      const out = resolve(o.out);
      const cancel = cancelOnSignals((sig) => new RedubError('CANCELLED', `cancelled by ${sig}: nothing was written`, out));
      if (o.script && !o.language) throw new RedubError('INVALID_ARGUMENT', '--script needs --language (the dub’s language, e.g. es)');
      const script = await readScript(o.script && resolve(o.script), number('offset', o.offset));
      const summary = await runDub({
        video: resolve(o.video),
        audio: resolve(o.audio),
        out: resolve(o.out),
        offset: number('offset', o.offset),
        policy: o.policy,
        speaker: o.speaker,
        speakers: o.speakers,
        lipsync: {
          engine: o.lipsync,
          enhance: o.enhance,
          emotion: o.emotion,
          intensity: number('intensity', o.intensity),
          debugOverlay: o.debugOverlay,
          script,
          language: o.language,
        },
        encode: { codec: o.codec, crf: o.crf ? number('crf', o.crf) : undefined, preset: o.preset, hardwareEncoder: o.hwEncoder },
        batchSize: Math.max(1, Math.floor(number('batch', o.batch))),
        onProgress: (p) => printProgress('dub', p),
        onWarning: (m) => process.stderr.write(`redub: warning: ${m}\n`),
        onPhase: (phase, p) => (p ? printProgress(`dub ${phase}`, p) : printPhase('dub', phase)),
        signal: cancel.signal,
      }).finally(() => cancel.dispose());
      endProgress();
      const sheet =
        o.contactSheet && (await writeContactSheet({ original: resolve(o.video), dubbed: summary.out, out: resolve(o.contactSheet) }));
      if (o.json) printJson(sheet ? { ...summary, contactSheet: sheet } : summary);
      else
        console.log(`wrote ${summary.out} (${summary.frames} frames, ${summary.duration.toFixed(2)} s) in ${summary.seconds.toFixed(1)} s`);
      if (sheet && !o.json) console.log(contactSheetLine(sheet, summary.fps));
    });
}
