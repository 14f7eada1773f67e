import { describe, expect, it } from 'vitest';
import { espeakPhonemes, espeakRender } from '../../../main/engine/lipsync/builtin/espeak';

describe('espeak-ng for scripts', () => {
  it('reads a script line that starts with "-" as text, not as an option', async () => {
    // As an argument, "-w x" would make espeak-ng write a file named "x" and speak nothing.
    const words = await espeakPhonemes('-w mama', 'es');
    expect(words?.at(-1)).toEqual(['m', 'a', 'm', 'a']);
    expect(words!.length).toBeGreaterThan(1);
    const audio = await espeakRender('-w mama', 'es', 16000);
    expect(audio!.length).toBeGreaterThan(16000 * 0.5);
  });
});
