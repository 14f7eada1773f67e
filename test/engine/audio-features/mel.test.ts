import { describe, expect, it } from 'vitest';
import { Dft, hannPeriodic } from '../../../main/engine/audio-features/dft';
import { bandCentres, hzToMel, melToHz } from '../../../main/engine/audio-features/mel-filters';
import { MEL, melSpectrogram, melWindowForFrame, melWindowStart, wav2lipFilterbank } from '../../../main/engine/audio-features/mel';

const SR = 16000;
const sine = (hz: number, n: number, amp = 0.5) => Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / SR));
const at = (m: ReturnType<typeof melSpectrogram>, band: number, col: number) => m.data[band * m.frames + col];

/** The band whose centre frequency is nearest `hz`, from the filterbank itself. */
function nearestBand(hz: number): number {
  const centres = bandCentres(wav2lipFilterbank());
  let best = 0;
  centres.forEach((c, i) => (Math.abs(c - hz) < Math.abs(centres[best] - hz) ? (best = i) : 0));
  return best;
}

describe('DFT (Bluestein over fft.js)', () => {
  it('matches a direct DFT at n = 800', () => {
    const n = 800;
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) + 0.3 * Math.cos(i * 1.9) + (i % 13) / 13);
    const got = new Float64Array(n / 2 + 1);
    new Dft(n).magnitudes(x, got);
    for (const k of [0, 1, 59, 200, 241, 400]) {
      let re = 0;
      let im = 0;
      for (let t = 0; t < n; t++) {
        re += x[t] * Math.cos((2 * Math.PI * k * t) / n);
        im -= x[t] * Math.sin((2 * Math.PI * k * t) / n);
      }
      expect(got[k]).toBeCloseTo(Math.hypot(re, im), 7);
    }
  });

  it('uses the periodic Hann window', () => {
    const w = hannPeriodic(800);
    expect(w[0]).toBe(0);
    expect(w[400]).toBeCloseTo(1, 12);
    expect(w[799]).toBeCloseTo(w[1], 12); // periodic: not symmetric about the last sample
  });
});

describe('Wav2Lip mel spectrogram', () => {
  it('has 80 bands and 1 + ⌊samples/200⌋ columns', () => {
    for (const n of [16000, 16123, 3999, 450, 1]) {
      const m = melSpectrogram(new Float32Array(n));
      expect(m.bands).toBe(80);
      expect(m.frames).toBe(1 + Math.floor(n / 200));
      expect(m.data.length).toBe(80 * m.frames);
    }
  });

  it('maps silence to −4 everywhere', () => {
    const m = melSpectrogram(new Float32Array(8000));
    expect(m.data.every((v) => v === -4)).toBe(true);
  });

  it('puts a 1 kHz sine in the band whose centre is nearest 1 kHz', () => {
    const centres = bandCentres(wav2lipFilterbank());
    const nearest = nearestBand(1000);
    const m = melSpectrogram(sine(1000, SR));
    for (const col of [10, 40, 70]) {
      let best = 0;
      for (let b = 1; b < 80; b++) if (at(m, b, col) > at(m, best, col)) best = b;
      expect(best).toBe(nearest);
    }
    expect(centres[0]).toBeGreaterThan(55);
    expect(centres[79]).toBeLessThan(7600);
  });

  it('uses the Slaney mel scale (linear below 1 kHz, logarithmic above)', () => {
    expect(hzToMel(1000)).toBeCloseTo(15, 12);
    expect(hzToMel(500)).toBeCloseTo(7.5, 12);
    expect(melToHz(hzToMel(6400))).toBeCloseTo(6400, 9);
    expect(hzToMel(6400)).toBeCloseTo(42, 12);
  });

  // Values from an independent numpy/scipy implementation of the same recipe
  // (lfilter pre-emphasis, get_window('hann'), np.pad reflect, rfft, Slaney filters).
  it('matches reference values for a two-tone signal', () => {
    const x = Float32Array.from(
      { length: 4000 },
      (_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / SR) + 0.1 * Math.sin((2 * Math.PI * 3000 * i) / SR),
    );
    const m = melSpectrogram(x);
    expect(m.frames).toBe(21);
    const expected: Array<[number, number, number]> = [
      [0, 0, -1.18804061173479],
      [10, 5, 1.6348057696191214],
      [15, 0, -0.8442019993137069],
      [24, 7, -4],
      [25, 20, -1.1657527883274246],
      [60, 20, -0.26876404398304166],
      [70, 1, -1.2500450681758593],
    ];
    for (const [b, c, v] of expected) expect(at(m, b, c)).toBeCloseTo(v, 4);
  });
});

describe('mel window per video frame', () => {
  const m = melSpectrogram(sine(300, SR * 2, 0.2)); // 161 columns
  it('starts at ⌊i·80/fps⌋', () => {
    expect(melWindowStart(m, 0, 25)).toBe(0);
    expect(melWindowStart(m, 10, 25)).toBe(32);
    expect(melWindowStart(m, 7, 30)).toBe(18);
    expect(melWindowStart(m, 3, 29.97)).toBe(8);
  });

  it('returns [80 × 16] band major, as [1,1,80,16]', () => {
    const w = melWindowForFrame(m, 10, 25);
    expect(w.length).toBe(80 * 16);
    for (const [b, c] of [
      [0, 0],
      [5, 15],
      [79, 7],
    ])
      expect(w[b * 16 + c]).toBe(at(m, b, 32 + c));
  });

  it('clamps to the last 16 columns at the end', () => {
    expect(m.frames).toBe(161);
    expect(melWindowStart(m, 49, 25)).toBe(145); // ⌊156.8⌋ = 156 would overrun
    const w = melWindowForFrame(m, 1000, 25);
    for (let b = 0; b < 80; b++) expect(w[b * 16 + 15]).toBe(at(m, b, 160));
    expect(w[0]).toBe(at(m, 0, 145));
  });

  it('pads a clip shorter than one window with silence', () => {
    const short = melSpectrogram(sine(300, 1000)); // 6 columns
    const w = melWindowForFrame(short, 0, 25);
    expect(w[0]).toBe(at(short, 0, 0));
    expect(w[15]).toBe(-MEL.maxAbs);
  });
});

describe('mel of a media file', () => {
  it('decodes to 16 kHz mono through ffmpeg', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { ffmpegTools } = await import('../../../main/engine/media/ffmpeg');
    const { melSpectrogramOfFile } = await import('../../../main/engine/audio-features/mel');
    const wav = join(mkdtempSync(join(tmpdir(), 'redub-mel-')), 'tone.wav');
    const r = spawnSync(ffmpegTools().ffmpeg, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=1000:sample_rate=44100:duration=1',
      '-ac',
      '2',
      wav,
    ]);
    expect(r.status).toBe(0);
    const m = await melSpectrogramOfFile(wav);
    expect(m.frames).toBe(81);
    const direct = melSpectrogram(sine(1000, SR, 1 / 8)); // lavfi's sine has amplitude 1/8
    const band = nearestBand(1000);
    let diff = 0;
    for (let c = 10; c < 70; c++) diff = Math.max(diff, Math.abs(at(m, band, c) - at(direct, band, c)));
    expect(at(m, band, 40)).toBeGreaterThan(0);
    expect(diff).toBeLessThan(0.05);
  });
});
