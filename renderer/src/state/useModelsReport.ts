import { useCallback, useEffect, useState } from 'react';
import type { RedubBridge } from '../../../common/contract';
import type { ModelsReport } from '../../../common/domain';

/** The models report, re-read after each finished download and on a resync. */
export function useModelsReport(api: RedubBridge): [ModelsReport | null, (r: ModelsReport) => void] {
  const [report, setReport] = useState<ModelsReport | null>(null);
  const refresh = useCallback(() => api.listModels({}).then(setReport, () => undefined), [api]);
  useEffect(() => {
    void refresh();
    return api.onEvent((e) => {
      if (e.type === 'resync' || (e.type === 'modelDownload' && e.download.state !== 'running')) void refresh();
    });
  }, [api, refresh]);
  return [report, setReport];
}
