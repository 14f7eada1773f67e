import { useState } from 'react';
import { useResetOn } from '../state/useDerivedState';
import type { RedubBridge } from '../../../common/contract';
import { DEFAULT_NAME_PATTERN, EXPORT_FORMATS, EXPORT_LIPSYNC, type ProjectView } from '../../../common/domain';
import { useExportJobs } from '../state/useExportJobs';
import { ExportAudioOptions, useExportAudio } from './ExportAudioOptions';
import { ExportJobRow } from './ExportJobRow';
import { OutputFolderField } from './OutputFolderField';
import { InOutCheck, useExportInOut, type InOutRange } from './InOutCheck';
import { RenderOnChoice, useRenderOn } from './RenderOnChoice';
import { SubtitlesCheck, useExportSubtitles } from './SubtitlesCheck';
import { useRemembered } from '../state/remembered';

type Format = (typeof EXPORT_FORMATS)[number];
type Lipsync = (typeof EXPORT_LIPSYNC)[number];

const LIPSYNC_LABEL: Record<Lipsync, string> = { builtin: 'Built-in', none: 'None (audio only)' };

/** The folder of a path, whichever separator the platform uses. */
const folderOf = (path: string) => path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))) || '/';

/** The output folder is remembered per project (state/remembered.ts); at first, the video's own. */
const folderParser = (project: ProjectView) => (saved: unknown) =>
  typeof saved === 'string' && saved ? saved : folderOf(project.source.path);

/** What the pattern makes of a language, as the engine will (export-settings.ts outputName). */
const nameFor = (pattern: string, project: string, lang: string, ext: string) =>
  pattern.replace(/\{(project|lang|ext)\}/g, (_, k: string) => ({ project, lang, ext })[k as 'project']).replace(/[/\\]/g, '_');

/**
 * Export: languages × format into a folder with a name pattern. Jobs are stored in the project
 * and rendered one after another by the engine host; their progress arrives as events.
 */
export function ExportPanel(props: { api: RedubBridge; project: ProjectView; desktop?: boolean; inOut?: InOutRange | null }) {
  const { api, project, desktop = false, inOut = null } = props;
  const { jobs, upsert, replace } = useExportJobs(api, project.id);
  const [languages, setLanguages] = useState<string[]>(project.dubTracks.map((t) => t.language));
  const [format, setFormat] = useState<Format>('mp4');
  const [lipsync, setLipsync] = useState<Lipsync>('builtin');
  const [outDir, setOutDir] = useRemembered('exportFolder', project.id, folderParser(project));
  const [pattern, setPattern] = useState(DEFAULT_NAME_PATTERN);
  const [overwrite, setOverwrite] = useState(false);
  const [audio, setAudio] = useExportAudio(project.id);
  const [onlyInOut, setOnlyInOut] = useExportInOut(project.id);
  const [subtitles, setSubtitles] = useExportSubtitles(project.id);
  const [renderOn, setRenderOn, farm] = useRenderOn(api);
  const range = onlyInOut ? inOut : null;
  const [error, setError] = useState<{ message: string; code?: string } | null>(null);
  // Another project: none of this one's errors (its choices are its own, remembered).
  useResetOn(project.id, () => setError(null));

  // A dub added while the panel is open is selected too.
  const known = project.dubTracks.map((t) => t.language).join(',');
  useResetOn(known, () => setLanguages(known ? known.split(',') : []));

  const toggle = (lang: string) => setLanguages((l) => (l.includes(lang) ? l.filter((x) => x !== lang) : [...l, lang]));
  const queue = async (createFolder = false) => {
    setError(null);
    try {
      upsert(
        await api.queueExport({
          projectId: project.id,
          farm,
          languages,
          format,
          outDir,
          pattern,
          lipsync,
          overwrite,
          createFolder,
          ...audio,
          range,
          subtitles,
        }),
      );
    } catch (e) {
      setError({ message: e instanceof Error ? e.message : String(e), code: (e as { code?: string }).code });
    }
  };
  const finished = jobs.filter((j) => j.state === 'done' || j.state === 'failed' || j.state === 'cancelled').length;
  const quietly = <T,>(p: Promise<T>, then: (r: T) => void) => void p.then(then, (e: Error) => setError({ message: e.message }));
  const example = languages[0] ? nameFor(pattern, project.name, languages[0], format) : null;

  return (
    <div className="export">
      <fieldset className="field">
        <legend>Languages</legend>
        {project.dubTracks.length === 0 && <p className="hint small">Add a dub track first.</p>}
        <div className="checks">
          {project.dubTracks.map((t) => (
            <label key={t.id} className="check">
              <input type="checkbox" checked={languages.includes(t.language)} onChange={() => toggle(t.language)} />
              {t.name} <span className="lang">{t.language}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field-row">
        <div className="field">
          <label htmlFor="export-format">Format</label>
          <select id="export-format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="export-lipsync">Lip-sync</label>
          <select id="export-lipsync" value={lipsync} onChange={(e) => setLipsync(e.target.value as Lipsync)}>
            {EXPORT_LIPSYNC.map((l) => (
              <option key={l} value={l}>
                {LIPSYNC_LABEL[l]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ExportAudioOptions audio={audio} onChange={setAudio} />
      <OutputFolderField api={api} value={outDir} onChange={setOutDir} desktop={desktop} onError={(message) => setError({ message })} />
      <div className="field">
        <label htmlFor="export-pattern">File name pattern</label>
        <input id="export-pattern" className="mono" value={pattern} onChange={(e) => setPattern(e.target.value)} spellCheck={false} />
        <span className="hint small">
          {'{project} {lang} {ext}'}
          {example && (
            <>
              {' → '}
              <b data-testid="export-example">{example}</b>
            </>
          )}
        </span>
      </div>
      <InOutCheck inOut={inOut} checked={onlyInOut} onChange={setOnlyInOut} />
      <SubtitlesCheck value={subtitles} onChange={setSubtitles} />
      <RenderOnChoice value={renderOn} onChange={setRenderOn} />
      <label className="check">
        <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> Replace existing files
      </label>
      <button type="button" className="btn primary wide" disabled={languages.length === 0} onClick={() => void queue()}>
        Queue {languages.length > 1 ? `${languages.length} exports` : 'export'}
      </button>
      {error && (
        <div className="job-error" role="alert">
          {error.message}
          {error.code === 'FOLDER_MISSING' && (
            <button type="button" className="btn small" onClick={() => void queue(true)}>
              Create folder and queue
            </button>
          )}
        </div>
      )}
      <div className="section-row">
        <h4 className="section-title">Queue</h4>
        <button
          type="button"
          className="btn small ghost"
          disabled={finished === 0}
          onClick={() => quietly(api.clearFinishedExports({ projectId: project.id }), replace)}
        >
          Clear finished
        </button>
      </div>
      <ul className="job-list" aria-label="Export queue">
        {jobs.map((j) => (
          <ExportJobRow
            key={j.id}
            job={j}
            onCancel={() => quietly(api.cancelExport({ projectId: project.id, jobId: j.id }), (r) => upsert([r]))}
            onRetry={() => quietly(api.retryExport({ projectId: project.id, jobId: j.id }), (r) => upsert([r]))}
            onRemove={() => quietly(api.removeExport({ projectId: project.id, jobId: j.id }), replace)}
            onShow={
              desktop
                ? (action) => quietly(api.showExportOutput({ projectId: project.id, jobId: j.id, action }), () => undefined)
                : undefined
            }
          />
        ))}
        {jobs.length === 0 && <li className="dim empty">Nothing queued yet.</li>}
      </ul>
    </div>
  );
}
