import type { Command } from 'commander';
import { resolve } from 'node:path';
import { RedubError } from '../../engine/errors';
import {
  assignClipSpeaker,
  assignSegmentSpeaker,
  ensureProjectSpeakers,
  mergeSpeakers,
  resolveSpeaker,
  splitSpeaker,
} from '../../engine/project/project-speakers';
import { ProjectStore, type DubClip } from '../../engine/store';
import { endProgress, printJson, printProgress } from '../output';

/** Opens a project for one command and always closes it (lock released, backup taken). */
async function withProject<T>(path: string, fn: (store: ProjectStore) => Promise<T>): Promise<T> {
  const store = await ProjectStore.open(resolve(path));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function allClips(store: ProjectStore): (DubClip & { language: string })[] {
  return store.tracks.list().flatMap((t) => store.clips.list(t.id).map((c) => ({ ...c, language: t.language })));
}

/** An id as listed, or a unique prefix of one (clip ids are UUIDs). */
function pick<T extends { id: string }>(items: T[], ref: string, what: string, file: string): T {
  const exact = items.find((x) => x.id === ref);
  if (exact) return exact;
  const hits = items.filter((x) => x.id.startsWith(ref));
  if (hits.length === 1) return hits[0];
  const why = hits.length ? `matches ${hits.length} ${what}s` : `is not a ${what} of this project`;
  throw new RedubError('INVALID_ARGUMENT', `"${ref}" ${why} (see: redub project speakers ${file})`, file);
}

const analysing = (json?: boolean) => ({
  onProgress: json ? undefined : (p: Parameters<typeof printProgress>[1]) => printProgress('analyze', p),
});

function speakersSummary(store: ProjectStore) {
  return {
    speakers: store.speakers
      .list()
      .map((s) => ({ id: s.id, name: s.name, frames: s.frames, trackIds: s.trackIds, thumbnail: s.thumbnail })),
    clips: allClips(store).map((c) => ({ id: c.id, language: c.language, start: c.start, speaker: c.speaker })),
    segments: store.segments.list().map((s) => ({ id: s.id, start: s.start, end: s.end, speaker: s.speaker })),
  };
}

function printSummary(s: ReturnType<typeof speakersSummary>): void {
  for (const p of s.speakers) console.log(`${p.id}  "${p.name}"  ${p.frames} frames on screen, tracks ${p.trackIds.join(', ')}`);
  for (const c of s.clips) console.log(`clip ${c.id}  ${c.language} @${c.start.toFixed(2)} s  → ${c.speaker ?? 'main speaker'}`);
}

/** `redub project speakers` and `redub project assign`: who each line of a project drives. */
export function registerProjectSpeakers(project: Command): void {
  project
    .command('speakers')
    .description("list a project's speakers (found in its video on first use) and each clip's speaker")
    .argument('<project>', 'project file')
    .option('--json', 'machine-readable output')
    .action(async (path: string, o: { json?: boolean }) => {
      await withSpeakers(path, o.json);
    });
  project
    .command('assign')
    .description('put a dub clip (or a segment) on a speaker: that face follows its lines')
    .argument('<project>', 'project file')
    .option('--clip <id>', 'dub clip id (or a unique prefix), as `redub project speakers` lists it')
    .option('--segment <id>', 'segment id (or a unique prefix)')
    .requiredOption('--speaker <id>', 'speaker id or name, or "main" for the main speaker')
    .option('--json', 'machine-readable output')
    .action(async (path: string, o: { clip?: string; segment?: string; speaker: string; json?: boolean }) => {
      if (!o.clip === !o.segment) throw new RedubError('INVALID_ARGUMENT', 'assign needs exactly one of --clip ID or --segment ID');
      await withSpeakers(path, o.json, async (store, known) => {
        const speaker = resolveSpeaker(known, o.speaker, store.path);
        if (o.clip) assignClipSpeaker(store, pick(allClips(store), o.clip, 'clip', path).id, speaker);
        else assignSegmentSpeaker(store, pick(store.segments.list(), o.segment!, 'segment', path).id, speaker);
      });
    });
  project
    .command('merge-speakers')
    .description('two speakers are one person: --from joins --into (tracks, clips, segments); undoable')
    .argument('<project>', 'project file')
    .requiredOption('--into <speaker>', 'the speaker that stays (id or name)')
    .requiredOption('--from <speaker>', 'the speaker merged into it (id or name)')
    .option('--json', 'machine-readable output')
    .action(async (path: string, o: { into: string; from: string; json?: boolean }) => {
      await withSpeakers(path, o.json, async (store, known) => {
        mergeSpeakers(store, named(known, o.into, store.path), named(known, o.from, store.path));
      });
    });
  project
    .command('split-speaker')
    .description("some of a speaker's face tracks are someone else: --tracks become a new speaker; undoable")
    .argument('<project>', 'project file')
    .requiredOption('--speaker <speaker>', 'the speaker to split (id or name)')
    .requiredOption('--tracks <ids>', 'comma-separated track ids (as `redub project speakers` lists them) for the new speaker')
    .option('--json', 'machine-readable output')
    .action(async (path: string, o: { speaker: string; tracks: string; json?: boolean }) => {
      const tracks = o.tracks.split(',').map((t) => Number(t.trim()));
      if (tracks.some((t) => !Number.isInteger(t) || t < 0)) {
        throw new RedubError('INVALID_ARGUMENT', `--tracks expects comma-separated track ids, got "${o.tracks}"`);
      }
      await withSpeakers(path, o.json, async (store, known) => {
        await splitSpeaker(store, named(known, o.speaker, store.path), tracks);
      });
    });
}

/**
 * The speakers commands' one shape: open the project, make sure its speakers are known (found in
 * its video on first use), apply `edit` if any, then print who each line drives.
 */
async function withSpeakers(
  path: string,
  json: boolean | undefined,
  edit?: (store: ProjectStore, known: Parameters<typeof resolveSpeaker>[0]) => Promise<void> | void,
): Promise<void> {
  const s = await withProject(path, async (store) => {
    const known = await ensureProjectSpeakers(store, analysing(json));
    endProgress();
    await edit?.(store, known);
    return speakersSummary(store);
  });
  if (json) printJson(s);
  else printSummary(s);
}

/** A real speaker (not "main"). */
function named(known: Parameters<typeof resolveSpeaker>[0], ref: string, file: string): string {
  const id = resolveSpeaker(known, ref, file);
  if (id === null) throw new RedubError('INVALID_ARGUMENT', 'name a speaker (id or name), not "main"', file);
  return id;
}
