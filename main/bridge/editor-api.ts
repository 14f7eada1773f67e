import type { EditorApi } from '../../common/contract';
import { cacheCalls } from './api/cache';
import { clipCalls } from './api/clips';
import { ApiContext, type EditorApiOptions } from './api/context';
import { exportCalls } from './api/exports';
import { modelCalls } from './api/models';
import { previewCalls } from './api/preview';
import { projectCalls } from './api/projects';
import { renderCalls } from './api/render';
import { segmentCalls } from './api/segments';
import { speakerCalls } from './api/speakers';
import type { EditorEngine } from './engine-port';
import type { ProjectWorkspace } from './workspace';

export type { EditorApiOptions };

/**
 * The functions behind every contract call, grouped by concern in ./api/. Arguments arrive
 * already validated by the transport (IPC handler or bridge server); these check what a schema
 * cannot (existence, ranges relative to the project). Edits run as named undo steps of the
 * project store, so undo/redo covers every edit and survives closing the project.
 */
export function createEditorApi(workspace: ProjectWorkspace, engine: EditorEngine, options: EditorApiOptions): EditorApi {
  const ctx = new ApiContext(workspace, engine, options);
  return {
    ...projectCalls(ctx),
    ...clipCalls(ctx),
    ...segmentCalls(ctx),
    ...previewCalls(ctx),
    ...exportCalls(ctx),
    ...modelCalls(ctx),
    ...cacheCalls(),
    ...renderCalls(ctx),
    ...speakerCalls(ctx),
  };
}
