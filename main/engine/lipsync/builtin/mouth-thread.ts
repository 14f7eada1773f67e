/**
 * A stage thread of the built-in lip-sync: pastes bank mouths onto frames (masks, colour match,
 * Laplacian blend), so that work runs on every core while the main thread decodes, plans and encodes.
 * Bundled as lipsync-mouth-thread.js (electron.vite.config.ts); run from source through ts-thread.mjs.
 */
import { servePoolTasks } from '../../pipeline/pool-thread';
import { pasteMouth, type MouthPasteResult, type MouthPasteTask } from './mouth-paste';

servePoolTasks<MouthPasteTask, MouthPasteResult>(async (task) => {
  const result = await pasteMouth(task);
  return { result, transfer: [result.data.buffer as ArrayBuffer] };
});
