import type { ExportRequest } from '../export/export-language';
import type { ProjectStore } from '../store';
import { ExportSettingsSchema, type ExportSettings } from './export-settings';
import { exportRequestFor, workDirFor } from './job-request';

/**
 * The chunk length of the editor's renders. Short, as in an NLE: an edit re-renders only the
 * seconds around it, and "render around the playhead" has something to show within seconds.
 */
export const EDITOR_CHUNK_SECONDS = 2;

/**
 * What the editor renders in the background and what its exports use by default: the same
 * settings, so they make the same content-addressed chunks and an export reuses the preview's.
 */
export function editorRenderSettings(patch: Partial<ExportSettings> = {}): ExportSettings {
  return ExportSettingsSchema.parse({ format: 'mp4', lipsync: 'builtin', chunkSeconds: EDITOR_CHUNK_SECONDS, ...patch });
}

/** A language's render as an export request without an output file (the preview render's). */
export function previewRequestFor(store: ProjectStore, language: string): Omit<ExportRequest, 'onProgress' | 'onChunk' | 'signal'> {
  const settings = editorRenderSettings();
  return exportRequestFor(store, { language, format: settings.format, outPath: '', settings });
}

/** Where the editor's preview chunks (and its default mp4 exports' chunks) live. */
export const previewWorkDir = (store: ProjectStore, language: string): string => workDirFor(store.path, { language, format: 'mp4' });
