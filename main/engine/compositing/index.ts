/** Compositing: alignment to templates, face masks, colour matching and multi-band blending. */
export { loadOpenCv, withMats } from './opencv';
export { Compositor, compositeFace, laplacianBlend, type CompositeOptions, type Pasted } from './composite';
export { alignFace, warpBack, maskToFrame, fromBox } from './warp';
export {
  TEMPLATES,
  alignmentMatrix,
  applyAffine,
  fivePoints,
  invertAffine,
  similarity,
  templatePoints,
  transformLandmarks,
  type Affine,
  type AlignedFace,
  type AlignmentTemplate,
  type Point,
} from './align';
export {
  faceMask,
  polygonMask,
  regionPolygon,
  maskAt,
  maskToUint8,
  intersectMasks,
  clipMask,
  type FaceMask,
  type MaskOptions,
  type MaskRegion,
  type PolygonMaskOptions,
} from './masks';
export { alphaBlend, blendBox, blendDifference, pyramidLevels } from './laplacian-blend';
export { matchColour, ringTransfer, applyTransfer, type ColourTransfer } from './color-match';
export { faceHeight } from './mesh-regions';
export type { Box, RgbImage } from './image';
