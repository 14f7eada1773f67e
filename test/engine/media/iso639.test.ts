import { describe, expect, it } from 'vitest';
import { iso639_2 } from '../../../main/engine/media/iso639';

describe('iso639_2', () => {
  it('maps BCP-47 tags to the ISO 639-2/T code players read, and unknown tags to und', () => {
    expect(['es', 'es-MX', 'de', 'pt_BR', 'zh-Hant', 'fil', 'deu'].map(iso639_2)).toEqual([
      'spa',
      'spa',
      'deu',
      'por',
      'zho',
      'fil',
      'deu',
    ]);
    expect([undefined, '', 'xx', 'qaa-x'].map(iso639_2)).toEqual(['und', 'und', 'und', 'und']);
  });
});
