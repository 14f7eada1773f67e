import { useCallback, useEffect, useState } from 'react';
import { useResetOn } from './useDerivedState';
import type { RedubBridge } from '../../../common/contract';
import type { ExportJob } from '../../../common/domain';

/**
 * The project's export queue as the engine reports it: listed once, then kept current by
 * `exportJob` events (started, progress a few times a second, finished) and `exportJobs` (the
 * whole list, after a remove or clear). Newest first.
 */
export function useExportJobs(api: RedubBridge, projectId: string) {
  const [jobs, setJobs] = useState<ExportJob[]>([]);

  const upsert = useCallback((incoming: ExportJob[]) => {
    setJobs((current) => {
      const byId = new Map(current.map((j) => [j.id, j]));
      // The newest view wins: an API answer can arrive after the event of a later state.
      for (const j of incoming) if ((byId.get(j.id)?.seq ?? -Infinity) < j.seq) byId.set(j.id, j);
      return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt || a.language.localeCompare(b.language));
    });
  }, []);

  const replace = useCallback(
    (all: ExportJob[]) => {
      setJobs([]);
      upsert(all);
    },
    [upsert],
  );

  useResetOn(projectId, () => setJobs([]));
  useEffect(() => {
    // Subscribe first: an event racing the list answer must not be lost.
    const off = api.onEvent((e) => {
      if (e.type === 'exportJob' && e.projectId === projectId) upsert([e.job]);
      if (e.type === 'exportJobs' && e.projectId === projectId) replace(e.jobs);
      // Missed events: the list from the host is the truth.
      if (e.type === 'resync') api.listExportJobs({ projectId }).then(replace, () => undefined);
    });
    api.listExportJobs({ projectId }).then(upsert, () => undefined);
    return off;
  }, [api, projectId, upsert, replace]);

  return { jobs, upsert, replace };
}
