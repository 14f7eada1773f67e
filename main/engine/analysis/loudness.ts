/** dB floor for digital silence, so log10(0) never appears. */
export const SILENCE_DB = -120;

/**
 * Loudness per video frame: RMS in dBFS of the audio samples that play during frame i,
 * [i/fps, (i+1)/fps). Frames past the end of the audio are silent.
 */
export function frameLoudnessDb(samples: Float32Array, sampleRate: number, fps: number, frameCount: number): Float64Array {
  const out = new Float64Array(frameCount);
  for (let i = 0; i < frameCount; i++) {
    const a = Math.floor((i * sampleRate) / fps);
    const b = Math.min(samples.length, Math.floor(((i + 1) * sampleRate) / fps));
    let sum = 0;
    for (let k = a; k < b; k++) sum += samples[k] * samples[k];
    const rms = b > a ? Math.sqrt(sum / (b - a)) : 0;
    out[i] = rms > 0 ? Math.max(SILENCE_DB, 20 * Math.log10(rms)) : SILENCE_DB;
  }
  return out;
}
