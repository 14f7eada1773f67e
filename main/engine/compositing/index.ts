/** Compositing: alignment to templates, face masks, colour matching and multi-band blending. */
export { alignFace, cropToBox, pasteCrop, type PasteOptions } from './composite';
export { alignmentMatrix, applyAffine, fivePoints, invertAffine, similarity, templatePoints, type Affine, type AlignedFace, type AlignmentTemplate } from './align';
export { faceMask, maskAt, type FaceMask, type MaskOptions, type MaskRegion } from './masks';
export { alphaBlend, laplacianBlend, pyramidLevels } from './laplacian-blend';
export { matchColour } from './color-match';
export type { Box, RgbImage } from './image';
