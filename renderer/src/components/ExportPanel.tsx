import { useEffect, useState } from 'react';
import type { RedubBridge } from '../../../common/contract';
import { EXPORT_FORMATS, type ExportJob, type ProjectView } from '../../../common/domain';

type Format = (typeof EXPORT_FORMATS)[number];

/** Queue stub: jobs are recorded; the export runner comes in a later slice. */
export function ExportPanel({ api, project }: { api: RedubBridge; project: ProjectView }) {
  const [jobs, setJobs] = useState<ExportJob[]>([]);
  const [format, setFormat] = useState<Format>('mp4');
  const [language, setLanguage] = useState(project.dubTracks[0]?.language ?? '');
  useEffect(() => {
    api.listExportJobs({ projectId: project.id }).then(setJobs, () => undefined);
  }, [api, project.id]);
  useEffect(() => {
    if (!language && project.dubTracks[0]) setLanguage(project.dubTracks[0].language);
  }, [project.dubTracks, language]);
  const queue = async () => {
    const job = await api.queueExport({ projectId: project.id, language, format });
    setJobs((j) => [...j, job]);
  };
  return (
    <div className="export">
      <div className="field">
        <label htmlFor="export-language">Language</label>
        <select id="export-language" value={language} onChange={(e) => setLanguage(e.target.value)} disabled={project.dubTracks.length === 0}>
          {project.dubTracks.map((t) => (
            <option key={t.id} value={t.language}>
              {t.name} ({t.language})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="export-format">Format</label>
        <select id="export-format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {f === 'wav' ? 'wav (audio only)' : f}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="btn primary wide" disabled={!language} onClick={queue}>
        Queue export
      </button>
      <ul className="job-list" aria-label="Export queue">
        {jobs.map((j) => (
          <li key={j.id}>
            <div className="job-main">
              <span>
                {j.language} · {j.format}
              </span>
              <span className="dim small job-path" title={j.outPath}>
                {j.outPath}
              </span>
            </div>
            <span className="badge muted">{j.state}</span>
          </li>
        ))}
        {jobs.length === 0 && <li className="dim">Queue is empty.</li>}
      </ul>
      <p className="hint small">Jobs are saved in the project and wait here until the export runner picks them up.</p>
    </div>
  );
}
