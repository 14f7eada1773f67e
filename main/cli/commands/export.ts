import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { RedubError } from '../../engine/errors';
import { SUBTITLE_FORMATS, type SubtitleFormat } from '../../engine/export/subtitle-file';
import { enqueueExports } from '../../engine/jobs/enqueue';
import { LOUDNESS_RANGE, ORIGINAL_AUDIO, type OriginalAudio } from '../../../common/domain';
import { EXPORT_FORMATS, type ExportFormat } from '../../engine/jobs/export-settings';
import { JobRunner, type JobEvent } from '../../engine/jobs/job-runner';
import { ProjectStore } from '../../engine/store';
import { endProgress, printJson, printPhase, printProgress } from '../output';
import { cancelOnSignals } from '../signals';
import { exportOnFarm } from './farm-export';

interface ExportOptions {
  out: string;
  lang?: string;
  format: ExportFormat;
  lipsync: string;
  pattern?: string;
  overwrite?: boolean;
  loudnorm?: boolean;
  loudness?: string;
  originalAudio: OriginalAudio;
  range?: string;
  subtitles?: SubtitleFormat;
  chunkSeconds: string;
  concurrency: string;
  json?: boolean;
  farm?: string;
  detach?: boolean;
}

function log(e: JobEvent): void {
  if (e.type === 'phase') {
    const label = `export ${e.job.language}`;
    return e.progress ? printProgress(`${label} ${e.phase}`, e.progress) : printPhase(label, e.phase);
  }
  if (e.type === 'progress') return printProgress(`export ${e.job.language}`, e.progress);
  if (e.type === 'chunk') {
    endProgress();
    return void process.stderr.write(`export ${e.job.language}: chunk ${e.index} ${e.reused ? 'reused' : 'rendered'}\n`);
  }
  if (e.type === 'warning') return void process.stderr.write(`redub: warning: ${e.message}\n`);
  if (e.type === 'finished') {
    endProgress();
    const what = e.job.state === 'done' ? `wrote ${e.job.outPath}` : `${e.job.state}${e.job.error ? `: ${e.job.error}` : ''}`;
    process.stderr.write(`export ${e.job.language}: ${what}\n`);
  }
}

/** --loudness LUFS implies --loudnorm; a target outside the range is refused before anything is queued. */
function loudnessOf(o: ExportOptions): { loudnorm: boolean; loudnessLufs?: number } {
  if (o.loudness === undefined) return { loudnorm: !!o.loudnorm };
  const lufs = Number(o.loudness);
  if (!Number.isFinite(lufs) || lufs < LOUDNESS_RANGE.min || lufs > LOUDNESS_RANGE.max)
    throw new RedubError(
      'INVALID_ARGUMENT',
      `--loudness ${o.loudness}: give a target in LUFS from ${LOUDNESS_RANGE.min} to ${LOUDNESS_RANGE.max} (e.g. -16 or -23)`,
    );
  return { loudnorm: true, loudnessLufs: lufs };
}

/** --range START-END in seconds (the editor's In–Out). */
function rangeOf(text: string | undefined): { start: number; end: number } | null {
  if (text === undefined) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  const [start, end] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!(end > start)) throw new RedubError('INVALID_ARGUMENT', `--range ${text}: give START-END in seconds, END after START (e.g. 1.5-4)`);
  return { start, end };
}

const settingsOf = (o: ExportOptions) => ({
  format: o.format,
  lipsync: o.lipsync,
  ...loudnessOf(o),
  originalAudio: o.originalAudio,
  range: rangeOf(o.range),
  subtitles: o.subtitles ?? null,
  chunkSeconds: Number(o.chunkSeconds),
});

const languageList = (lang: string | undefined) =>
  lang
    ?.split(',')
    .map((l) => l.trim())
    .filter(Boolean);

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('render every language (or --lang) of a project; resumes interrupted exports')
    .argument('<project>', 'project file (*.redub)')
    .requiredOption('--out <dir>', 'output directory')
    .option('--lang <list>', 'comma-separated languages (default: all)')
    .addOption(new Option('--format <format>', 'container').choices(EXPORT_FORMATS).default('mp4'))
    .option('--lipsync <engine>', 'lip-sync engine: builtin, a model name, or none', 'builtin')
    .option('--pattern <pattern>', 'output name pattern', '{project}_{lang}.{ext}')
    .option('--overwrite', 'replace existing outputs')
    .option('--loudnorm', 'normalise loudness (EBU R128, -16 LUFS unless --loudness)')
    .option('--loudness <lufs>', 'normalise loudness to this integrated loudness, LUFS (e.g. -16 web, -23 broadcast)')
    .addOption(
      new Option('--original-audio <mode>', 'the original audio under the dub: off, ducked (-12 dB) or full')
        .choices(ORIGINAL_AUDIO)
        .default('off'),
    )
    .option('--range <start-end>', 'export only this part of the timeline, seconds (e.g. 1.5-4)')
    .addOption(
      new Option('--subtitles <format>', 'also write <name>.<lang>.srt|vtt beside each video, from the segments that have text').choices(
        SUBTITLE_FORMATS,
      ),
    )
    .option('--chunk-seconds <s>', 'chunk length for resumable rendering', '10')
    .option('--concurrency <n>', 'jobs rendered at once', '1')
    .option('--json', 'print the jobs as JSON at the end')
    .option('--farm <url>', 'render on a farm: redis://[:password@]HOST:PORT[/db] (rediss:// for TLS); see docs/farm.md')
    .option('--detach', 'with --farm: queue the export and return at once (follow it with `redub jobs --farm`)')
    .action(async (path: string, o: ExportOptions) => {
      if (o.farm)
        return exportOnFarm(path, { ...o, farm: o.farm, outDir: resolve(o.out), languages: languageList(o.lang), settings: settingsOf(o) });
      if (o.detach) throw new RedubError('INVALID_ARGUMENT', '--detach needs --farm URL (a local export runs in this process)');
      const store = await ProjectStore.open(resolve(path));
      const cancel = cancelOnSignals(
        (sig) => new RedubError('CANCELLED', `cancelled by ${sig}: finished chunks are kept; run the export again to resume`, store.path),
      );
      try {
        const settings = settingsOf(o);
        const languages = languageList(o.lang);
        await enqueueExports(store, { languages, outDir: resolve(o.out), settings, pattern: o.pattern, overwrite: o.overwrite });
        const runner = new JobRunner(store, { concurrency: Number(o.concurrency), onEvent: log, signal: cancel.signal });
        const jobs = await runner.runQueue();
        cancel.signal.throwIfAborted();
        if (o.json) printJson(jobs);
        const failed = jobs.filter((j) => j.state !== 'done');
        if (failed.length)
          throw new RedubError('FFMPEG_FAILED', `${failed.length} of ${jobs.length} exports did not finish (see \`redub jobs ${path}\`)`);
      } finally {
        cancel.dispose();
        await store.close();
      }
    });
}
