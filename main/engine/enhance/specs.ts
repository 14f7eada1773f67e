import type { AlignmentTemplate } from '../compositing';

/** How one face restoration model wants its face (docs/reference.md §3). */
export interface EnhancerSpec {
  model: string;
  template: AlignmentTemplate;
  size: number;
  /** CodeFormer's fidelity input `weight` [1] (0 = most restoration, 1 = most faithful). */
  fidelity?: boolean;
}

export const ENHANCERS: Record<string, EnhancerSpec> = {
  'gfpgan_1.4': { model: 'gfpgan_1.4', template: 'ffhq_512', size: 512 },
  gpen_bfr_256: { model: 'gpen_bfr_256', template: 'arcface_128', size: 256 },
  gpen_bfr_512: { model: 'gpen_bfr_512', template: 'ffhq_512', size: 512 },
  codeformer: { model: 'codeformer', template: 'ffhq_512', size: 512, fidelity: true },
};

export const enhancerNames = (): string[] => Object.keys(ENHANCERS);
