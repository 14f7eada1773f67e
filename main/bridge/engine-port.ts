/**
 * The engine work the editor needs. In Electron it runs in a utilityProcess (engine-host),
 * reached through a message proxy; in browser mode and tests it runs in-process.
 * Every method takes plain data and returns plain data, so it can cross a process boundary.
 */
export interface VideoFacts {
  duration: number;
  fps: number;
  width: number;
  height: number;
  frameCount: number;
  hasAudio: boolean;
  probe: Record<string, unknown>;
}

export interface AudioFacts {
  duration: number;
  probe: Record<string, unknown>;
}

export interface EditorEngine {
  probeVideo(path: string): Promise<VideoFacts>;
  probeAudio(path: string): Promise<AudioFacts>;
  /** One JPEG of the source at `time` (seconds), at most `maxWidth` wide. */
  extractFrame(path: string, time: number, maxWidth: number): Promise<Uint8Array>;
  /** Max-abs peaks (0..1) of the first audio stream, `peaksPerSecond` per second. */
  waveformPeaks(path: string, peaksPerSecond: number): Promise<{ peaks: number[]; duration: number }>;
  /**
   * The lip-synced frame for a dub language at `time`. Throws a RedubError('MODEL_MISSING')
   * until a lip-sync model is installed; the API turns that into an "unavailable" preview.
   */
  renderLipsyncFrame(req: { videoPath: string; audioPath: string; time: number; maxWidth: number }): Promise<Uint8Array>;
}
