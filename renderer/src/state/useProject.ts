import { useCallback, useEffect, useState } from 'react';
import type { RedubBridge } from '../../../common/contract';
import type { ProjectView } from '../../../common/domain';

const LAST_PROJECT = 'redub.lastProjectId';

export interface ProjectState {
  project: ProjectView | null;
  /** Runs an API call that answers with a project view, reporting failures as a toast. */
  run(fn: () => Promise<ProjectView>): Promise<ProjectView | null>;
  close(): void;
  error: string | null;
  clearError(): void;
  busy: boolean;
}

/** The open project: the API is the source of truth, every edit answers with a fresh view. */
export function useProject(api: RedubBridge): ProjectState {
  const [project, setProject] = useState<ProjectView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = useCallback(async (fn: () => Promise<ProjectView>) => {
    setBusy(true);
    try {
      const view = await fn();
      setProject(view);
      localStorage.setItem(LAST_PROJECT, view.id);
      return view;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return null;
    } finally {
      setBusy(false);
    }
  }, []);

  // A reload (or a restart of the app) lands back in the project the user left.
  useEffect(() => {
    const last = localStorage.getItem(LAST_PROJECT);
    if (!last) return;
    api.getProject({ projectId: last }).then(setProject, () => localStorage.removeItem(LAST_PROJECT));
  }, [api]);

  // Events may have been missed (the server restarted, the socket dropped): re-read the project.
  const projectId = project?.id;
  useEffect(() => {
    if (!projectId) return;
    return api.onEvent((e) => {
      if (e.type === 'resync') api.getProject({ projectId }).then(setProject, () => undefined);
    });
  }, [api, projectId]);

  const close = useCallback(() => {
    localStorage.removeItem(LAST_PROJECT);
    // The host releases the project's preview cache and closes its file.
    if (project) void api.closeProject({ projectId: project.id }).catch(() => undefined);
    setProject(null);
  }, [api, project]);

  return { project, run, close, error, clearError: () => setError(null), busy };
}
