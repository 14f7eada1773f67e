/**
 * Timeline at scale, in the built renderer in Chromium (playwright-core) over the real bridge:
 * a 60-minute video with 500 segments. Measured in the page with performance.now():
 *  - open: from "Reopen" to the timeline drawn (waveform ready, all 500 regions in the DOM);
 *  - playhead update: one frame step (→, the editor's own shortcut) until React has committed
 *    and the browser has laid out the new playhead position (forced layout), per update;
 *  - frame interval while updating the playhead once per animation frame (what the eye sees).
 * `npm run bench -- timeline`.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ffmpeg, removeDir } from '../helpers/media';
import { CHROMIUM, launchChromium } from '../e2e/support/browser';
import { startBridge } from '../e2e/support/bridge';
import { ensureRendererBuilt, ROOT } from '../e2e/support/build-renderer';
import { row, type BenchContext, type BenchRow } from './lib';

const MINUTES = 60;
const SEGMENTS = 500;
const TARGET_UPDATE_MS = 16;
const SHOTS = join(ROOT, 'test-results/bench');
const EMOTIONS = ['neutral', 'smile', 'neutral', 'sad', 'neutral', 'surprised', 'neutral', 'angry'] as const;

/** 60 minutes of a small test pattern with a speech-like (pulsing) tone: a one-minute clip looped by stream copy. */
async function longVideo(ctx: BenchContext): Promise<string> {
  const path = join(ctx.cacheDir, `timeline-${MINUTES}min.mp4`);
  if (existsSync(path)) return path;
  ctx.log(`making the ${MINUTES}-minute input`);
  const minute = join(ctx.cacheDir, 'timeline-1min.mp4');
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=320x180:rate=25',
    '-f',
    'lavfi',
    '-i',
    'aevalsrc=sin(2*PI*180*t)*(0.15+0.85*abs(sin(2*PI*0.7*t))*abs(sin(2*PI*0.13*t))):s=16000',
    '-t',
    '60',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-g',
    '50',
    '-c:a',
    'aac',
    '-b:a',
    '48k',
    '-y',
    minute,
  ]);
  const tmp = path.replace(/\.mp4$/, '.tmp.mp4');
  await ffmpeg(['-stream_loop', String(MINUTES - 1), '-i', minute, '-c', 'copy', '-y', tmp]);
  renameSync(tmp, path);
  return path;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const p95 = (v: number[]) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(v.length * 0.95))];

/** Playhead updates measured inside the page: keydown → commit → layout, one per animation frame. */
function measureUpdates(page: Page, count: number): Promise<{ update: number[]; frame: number[] }> {
  return page.evaluate(async (n) => {
    const playhead = document.querySelector('.playhead') as HTMLElement;
    const afterMicrotasks = () =>
      new Promise<void>((r) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => r();
        ch.port2.postMessage(0);
      });
    const update: number[] = [];
    const frame: number[] = [];
    let last = 0;
    for (let i = 0; i < n; i++) {
      await new Promise<void>((r) =>
        requestAnimationFrame((t) => {
          if (last) frame.push(t - last);
          last = t;
          r();
        }),
      );
      const before = playhead.style.transform;
      const t0 = performance.now();
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      await afterMicrotasks();
      playhead.getBoundingClientRect();
      update.push(performance.now() - t0);
      if (playhead.style.transform === before) throw new Error(`update ${i}: the playhead did not move`);
    }
    return { update, frame };
  }, count);
}

export default async function timelineBench(ctx: BenchContext): Promise<BenchRow[]> {
  const started = performance.now();
  const log = ctx.log;
  ctx = { ...ctx, log: (m) => log(`${((performance.now() - started) / 1000).toFixed(1)} s: ${m}`) };
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: the timeline bench needs Debian's chromium`);
  const video = await longVideo(ctx);
  const [browser] = await Promise.all([launchChromium(), ensureRendererBuilt()]);
  const bridge = await startBridge();
  try {
    ctx.log(`opening the project and cutting it into ${SEGMENTS} segments`);
    const view = await bridge.server.api.openVideo({ path: video });
    const store = await bridge.workspace.get(view.id);
    const step = view.source.duration / SEGMENTS;
    store.edit(`Split into ${SEGMENTS}`, () => {
      for (let i = 1; i < SEGMENTS; i++) {
        const rest = store.segments.list().at(-1)!;
        const [left] = store.segments.split(rest.id, i * step);
        store.segments.update(left.id, { emotionTemplate: EMOTIONS[i % EMOTIONS.length] });
      }
    });
    bridge.workspace.remember(store);
    ctx.log('segments made');

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // tsx keeps function names with a helper the page does not have.
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(bridge.server.launchUrl);
    const reopen = page.getByRole('button', { name: `Reopen ${view.name}` });
    await reopen.waitFor();
    ctx.log('rendering the timeline');
    await page.evaluate(() => ((window as unknown as { benchStart: number }).benchStart = performance.now()));
    if (process.env.BENCH_DEBUG) page.on('requestfinished', (r) => ctx.log(`${r.url().replace(/^.*\/\/[^/]+/, '')} done`));
    await reopen.click();
    const openMs = await page.waitForFunction(
      (n) => {
        const lane = document.querySelector('[aria-label="Original waveform"]');
        const regions = document.querySelectorAll('[aria-label="Timeline"] [role="button"][aria-label^="Segment "]').length;
        return lane?.getAttribute('data-ready') === 'true' && regions === n
          ? performance.now() - (window as unknown as { benchStart: number }).benchStart
          : false;
      },
      SEGMENTS,
      { timeout: 120_000, polling: 'raf' },
    );
    const open = (await openMs.jsonValue()) as number;
    ctx.log(`timeline drawn in ${open.toFixed(0)} ms`);
    // Let the first preview frame and waveform settle before timing updates.
    await page.waitForTimeout(1500);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'timeline-60min-500-segments.png') });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await measureUpdates(page, 10);
    if (process.env.BENCH_DEBUG) {
      const seekOnly = await page.evaluate(async () => {
        const v = document.querySelector('video')!;
        const out: number[] = [];
        for (let i = 0; i < 50; i++) {
          await new Promise((r) => requestAnimationFrame(r));
          const t0 = performance.now();
          v.currentTime += 0.04;
          document.body.getBoundingClientRect();
          out.push(performance.now() - t0);
        }
        return out.sort((a, b) => a - b)[25];
      });
      ctx.log(`video seek alone: median ${seekOnly.toFixed(2)} ms`);
    }
    const { update, frame } = await measureUpdates(page, ctx.quick ? 60 : 200);
    ctx.log(`update ms: median ${median(update).toFixed(2)}, p95 ${p95(update).toFixed(2)}, max ${Math.max(...update).toFixed(2)}`);
    return [
      row(`timeline open (${MINUTES} min, ${SEGMENTS} segments)`, open, 'ms'),
      row('playhead update (median)', median(update), 'ms', { text: `< ${TARGET_UPDATE_MS}`, ok: median(update) < TARGET_UPDATE_MS }),
      row('playhead update (p95)', p95(update), 'ms', { text: `< ${TARGET_UPDATE_MS}`, ok: p95(update) < TARGET_UPDATE_MS }),
      row('frame interval while updating (p95)', p95(frame), 'ms'),
    ];
  } finally {
    await browser.close();
    await bridge.stop();
    removeDir(bridge.projectDir);
  }
}
