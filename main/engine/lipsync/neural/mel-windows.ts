import { MEL, melSpectrogramOfFile, melWindowForFrame, type MelSpectrogram } from '../../audio-features/mel';

/** A window of pure silence (every band at the floor), for frames outside the dub. */
export function silentWindow(): Float32Array {
  return new Float32Array(MEL.bands * MEL.windowColumns).fill(-MEL.maxAbs);
}

/**
 * The dub's mel spectrogram and the [1,1,80,16] window each output frame must receive.
 * The dub starts at `offset` s on the output timeline, so frame i reads the dub at
 * i/fps − offset; frames before the dub or after its end get silence (closed lips) rather than
 * the first or last window, which would keep talking over silence.
 */
export class DubMel {
  private constructor(
    private readonly mel: MelSpectrogram | undefined,
    private readonly fps: number,
    private readonly offset: number,
  ) {}

  static async load(audioPath: string | undefined, fps: number, offset: number): Promise<DubMel> {
    return new DubMel(audioPath ? await melSpectrogramOfFile(audioPath) : undefined, fps, offset);
  }

  /** For tests and benchmarks: a spectrogram computed elsewhere. */
  static of(mel: MelSpectrogram, fps: number, offset = 0): DubMel {
    return new DubMel(mel, fps, offset);
  }

  windowFor(frameIndex: number): Float32Array {
    const { mel, fps, offset } = this;
    if (!mel) return silentWindow();
    const t = frameIndex / fps - offset;
    if (t < 0 || Math.floor(t * MEL.columnsPerSecond) >= mel.frames) return silentWindow();
    // melWindowForFrame takes a frame index on the dub's own timeline (fractional is fine).
    return melWindowForFrame(mel, t * fps, fps);
  }
}
