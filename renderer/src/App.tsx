import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RedubBridge } from '../../common/contract';
import type { AppInfo, DubClip } from '../../common/domain';
import { AddDubDialog } from './components/AddDubDialog';
import { ClipInspector } from './components/ClipInspector';
import { ConnectionBanner } from './components/ConnectionBanner';
import { DubTracksCard } from './components/DubTracksCard';
import { ExportPanel } from './components/ExportPanel';
import { ModelsPanel } from './components/ModelsPanel';
import { PathDialog } from './components/PathDialog';
import { Player } from './components/Player';
import { RenderBar, RenderControls } from './components/RenderBar';
import { SegmentInspector } from './components/SegmentInspector';
import { SidePanel } from './components/SidePanel';
import { StatusBar } from './components/StatusBar';
import { Timeline } from './components/Timeline';
import { clampZoom, clipMediaOrigin } from './timeline-time';
import { Toast } from './components/Toast';
import { TopBar } from './components/TopBar';
import { useLatest, useResetOn } from './state/useDerivedState';
import { Welcome } from './components/Welcome';
import { FaceOutline } from './components/speakers/FaceOutline';
import { FacePicker } from './components/speakers/FacePicker';
import { SpeakersPanel } from './components/speakers/SpeakersPanel';
import { useShortcuts } from './keyboard';
import { usePlayback } from './state/usePlayback';
import { usePreviewFrame } from './state/usePreviewFrame';
import { useProject } from './state/useProject';
import { useAutoRender, useBackgroundRender } from './state/useBackgroundRender';
import { useRenderState } from './state/useRenderState';
import { inOutRange } from './components/InOutCheck';
import { useInOutMarks } from './state/useInOutMarks';

type Dialog = 'open' | 'addDub' | 'subtitles' | { addClipTo: string; at: number } | null;

export function App({ api }: { api: RedubBridge }) {
  const { project, run, close, error, clearError, busy } = useProject(api);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [selectedClipId, setSelectedClipId] = useState<string | null>(null);
  const [zoom, setZoom] = useState<number | null>(null);
  const [fitZoom, setFitZoom] = useState(100);
  const { inPoint, outPoint, setIn, setOut } = useInOutMarks(project?.id ?? null);
  const [localError, setLocalError] = useState<string | null>(null);

  useEffect(() => {
    api.getAppInfo({}).then(setInfo, () => undefined);
  }, [api]);

  useEffect(() => {
    document.title = project ? `${project.name} — Redub` : 'Redub';
  }, [project]);

  // The B monitor's language: any dub of the project (the first until one is picked or selected).
  const [monitorLang, setMonitorLang] = useState<string | null>(null);
  const dub = project?.dubTracks.find((t) => t.language === monitorLang) ?? project?.dubTracks[0] ?? null;
  // Media time 0 sits at start - trimStart on the timeline: the trimmed head is skipped.
  const dubClip = dub?.clips[0];
  const playback = usePlayback(project, dubClip ? clipMediaOrigin(dubClip) : 0);
  // Recomputed per project change, not per playhead move (500 segments make a long key).
  const segmentsKey = useMemo(() => (project ? project.segments.map((s) => `${s.id}:${s.revision}`).join(',') : ''), [project]);
  const preview = usePreviewFrame(
    api,
    project?.id ?? null,
    playback.time,
    !playback.playing,
    playback.monitor !== 'original' ? (dub?.language ?? null) : null,
    segmentsKey,
  );
  // The B language's render bar, from the host's chunk files; any edit (segments, clips) re-reads it.
  const renderKey = `${segmentsKey}|${project?.updatedAt ?? ''}`;
  const renderState = useRenderState(api, project?.id ?? null, dub?.language ?? null, renderKey);
  const [autoRender, setAutoRender] = useAutoRender();
  const bLanguage = playback.monitor !== 'original' ? (dub?.language ?? null) : null;
  useBackgroundRender(api, project?.id ?? null, bLanguage, playback.time, playback.playing, autoRender, renderKey);
  const canRenderRange = inPoint !== null && outPoint !== null && outPoint > inPoint && dub !== null;
  const renderInOut = useCallback(() => {
    if (!project || !dub) return;
    if (inPoint === null || outPoint === null || outPoint <= inPoint) return setLocalError('Set In (I) and Out (O) first, then render.');
    void api
      .renderRange({ projectId: project.id, language: dub.language, start: inPoint, end: outPoint })
      .catch((e: Error) => setLocalError(e.message));
  }, [api, dub, inPoint, outPoint, project]);
  // The panel is memoised off the playhead; "Add clip at playhead" reads the time from here.
  const timeRef = useLatest(playback.time);
  const selected = project?.segments.find((s) => s.id === selectedId) ?? null;
  const selectedTrack = project?.dubTracks.find((t) => t.clips.some((c) => c.id === selectedClipId)) ?? null;
  const selectedClip = selectedTrack?.clips.find((c) => c.id === selectedClipId) ?? null;
  const effectiveZoom = zoom ?? fitZoom;

  // A new project: fit it in view, forget the old selection (its In/Out marks are its own, remembered).
  useResetOn(project?.id, () => {
    setZoom(null);
    setSelectedId(null);
    setSelectedClipId(null);
    setMonitorLang(null);
  });

  const pickPath = useCallback(async (kind: 'video' | 'audio' | 'subtitles') => (await api.pickFile({ kind })).path, [api]);

  const openVideo = useCallback(async () => {
    // Electron: the native dialog is the whole interaction. Browser: ask for a typed path.
    if (info?.mode === 'electron') {
      const path = await pickPath('video');
      if (path) await run(() => api.openVideo({ path }));
    } else setDialog('open');
  }, [api, info, pickPath, run]);

  const split = useCallback(() => {
    if (!project) return;
    const t = playback.time;
    const seg = project.segments.find((s) => t > s.start && t < s.end);
    if (!seg) return setLocalError('The playhead is not inside a segment.');
    void run(() => api.splitSegment({ segmentId: seg.id, time: t }));
  }, [api, playback.time, project, run]);

  const undo = useCallback(
    () => project && project.history.canUndo && void run(() => api.undo({ projectId: project.id })),
    [api, project, run],
  );
  const redo = useCallback(
    () => project && project.history.canRedo && void run(() => api.redo({ projectId: project.id })),
    [api, project, run],
  );
  // Stable callbacks: the timeline's lanes are memoised and must not re-render on playhead moves.
  const { pause, seek } = playback;
  const seekFromTimeline = useCallback(
    (t: number) => {
      pause();
      seek(t);
    },
    [pause, seek],
  );
  // A segment and a clip are never selected together: the side panel shows one inspector.
  const selectSegment = useCallback((id: string) => (setSelectedClipId(null), setSelectedId(id)), []);
  // Selecting a clip puts its language on the B monitor: what you edit is what you see.
  const selectClip = useCallback(
    (id: string) => {
      setSelectedId(null);
      setSelectedClipId(id);
      const lang = project?.dubTracks.find((t) => t.clips.some((c) => c.id === id))?.language;
      if (lang) setMonitorLang(lang);
    },
    [project],
  );
  const moveClip = useCallback(
    (id: string, start: number) => void run(() => api.updateDubClip({ clipId: id, patch: { start } })),
    [api, run],
  );
  const setClipMismatch = useCallback(
    (id: string, mismatch: DubClip['mismatch']) => void run(() => api.updateDubClip({ clipId: id, patch: { mismatch } })),
    [api, run],
  );
  const setClampedZoom = useCallback((z: number) => setZoom(clampZoom(z)), []);
  const zoomBy = useCallback((f: number) => setZoom((z) => clampZoom((z ?? fitZoom) * f)), [fitZoom]);

  useShortcuts(
    {
      togglePlay: playback.toggle,
      shuttle: playback.shuttle,
      stepFrames: playback.stepFrames,
      markIn: () => setIn(playback.time),
      markOut: () => setOut(playback.time),
      split,
      undo,
      redo,
      zoom: zoomBy,
      renderInOut,
    },
    project !== null && dialog === null,
  );

  const panels = useMemo(
    () =>
      function renderPanel(tab: 'inspector' | 'speakers' | 'models' | 'export') {
        if (!project) return null;
        if (tab === 'speakers') return <SpeakersPanel api={api} project={project} run={run} />;
        if (tab === 'models') return <ModelsPanel api={api} />;
        if (tab === 'export')
          return <ExportPanel api={api} project={project} desktop={info?.mode === 'electron'} inOut={inOutRange(inPoint, outPoint)} />;
        if (selectedClip && selectedTrack)
          return (
            <>
              <ClipInspector
                track={selectedTrack}
                clip={selectedClip}
                onChange={(id, patch) => void run(() => api.updateDubClip({ clipId: id, patch }))}
                onDelete={(id) => (setSelectedClipId(null), void run(() => api.removeDubClip({ clipId: id })))}
                onAddClip={(trackId) => setDialog({ addClipTo: trackId, at: timeRef.current })}
                onClose={() => setSelectedClipId(null)}
              />
              <FacePicker
                api={api}
                project={project}
                speaker={selectedClip.speaker}
                onPick={(speakerId) => void run(() => api.assignClipSpeaker({ clipId: selectedClip.id, speakerId }))}
              />
              <DubTracksCard project={project} />
            </>
          );
        return (
          <>
            <SegmentInspector
              project={project}
              segment={selected}
              onSelect={selectSegment}
              onChange={(id, patch) => void run(() => api.updateSegment({ segmentId: id, patch }))}
              renderState={renderState}
            />
            <DubTracksCard project={project} />
          </>
        );
      },
    [api, info, project, run, selected, selectedClip, selectedTrack, selectSegment, timeRef, renderState, inPoint, outPoint],
  );

  return (
    <div className="app">
      <ConnectionBanner api={api} />
      <TopBar
        project={project}
        busy={busy}
        onOpen={openVideo}
        onAddDub={() => setDialog('addDub')}
        onImportSubtitles={() => setDialog('subtitles')}
        onUndo={undo}
        onRedo={redo}
        onClose={close}
      />
      {project ? (
        <div className="workspace">
          <Player
            api={api}
            project={project}
            playback={playback}
            dub={dub}
            preview={preview}
            renderState={renderState}
            onMonitorLanguage={setMonitorLang}
            overlay={<FaceOutline project={project} speaker={selectedClip?.speaker ?? selected?.speaker ?? null} />}
          />
          <SidePanel>{panels}</SidePanel>
          <Timeline
            api={api}
            project={project}
            time={playback.time}
            playing={playback.playing}
            zoom={effectiveZoom}
            onZoom={setClampedZoom}
            onFitZoom={setFitZoom}
            inPoint={inPoint}
            outPoint={outPoint}
            selectedSegmentId={selectedId}
            selectedClipId={selectedClipId}
            onSeek={seekFromTimeline}
            onSelectSegment={selectSegment}
            onSelectClip={selectClip}
            onMoveClip={moveClip}
            onClipMismatch={setClipMismatch}
            onSplit={split}
            renderBar={<RenderBar state={renderState} zoom={effectiveZoom} />}
            renderControls={
              <RenderControls
                state={renderState}
                canRenderRange={canRenderRange}
                autoRender={autoRender}
                onAutoRender={setAutoRender}
                onRenderRange={renderInOut}
                onStop={() => void api.stopRender({ projectId: project.id }).catch(() => undefined)}
              />
            }
          />
          <StatusBar project={project} renderState={renderState} />
        </div>
      ) : (
        <Welcome api={api} onOpen={openVideo} onReopen={(p) => void run(() => api.getProject({ projectId: p.id }))} />
      )}
      {dialog === 'open' && (
        <PathDialog
          title="Open video"
          pathLabel="Video file path"
          placeholder="/path/to/video.mp4"
          submitLabel="Open"
          onBrowse={info?.mode === 'electron' ? () => pickPath('video') : undefined}
          onCancel={() => setDialog(null)}
          onSubmit={(path) => {
            setDialog(null);
            void run(() => api.openVideo({ path }));
          }}
        />
      )}
      {dialog === 'addDub' && project && (
        <AddDubDialog
          onBrowse={info?.mode === 'electron' ? () => pickPath('audio') : undefined}
          onCancel={() => setDialog(null)}
          onSubmit={(language, audioPath) => {
            setDialog(null);
            void run(() => api.addDubTrack({ projectId: project.id, language, audioPath }));
          }}
        />
      )}
      {dialog === 'subtitles' && project && (
        <PathDialog
          title="Import subtitles"
          pathLabel="Subtitle file path (SRT or WebVTT)"
          placeholder="/path/to/subtitles.srt"
          submitLabel="Import"
          onBrowse={info?.mode === 'electron' ? () => pickPath('subtitles') : undefined}
          onCancel={() => setDialog(null)}
          onSubmit={(path) => {
            setDialog(null);
            // The old segments go: so does a selection pointing at one of them.
            setSelectedId(null);
            void run(() => api.importSubtitles({ projectId: project.id, path }));
          }}
        />
      )}
      {typeof dialog === 'object' && dialog !== null && project && (
        <PathDialog
          title="Add dub clip"
          pathLabel={`Clip audio file path (starts at ${dialog.at.toFixed(2)} s)`}
          placeholder="/path/to/line.wav"
          submitLabel="Add clip"
          onBrowse={info?.mode === 'electron' ? () => pickPath('audio') : undefined}
          onCancel={() => setDialog(null)}
          onSubmit={(audioPath) => {
            setDialog(null);
            void run(() => api.addDubClip({ trackId: dialog.addClipTo, audioPath, start: dialog.at }));
          }}
        />
      )}
      <Toast message={error ?? localError} onClose={() => (clearError(), setLocalError(null))} />
    </div>
  );
}
