/** Face engine: detection, landmarks, tracking, smoothing, cached analysis. */
export * from './types';
export { analyzeVideo, analyzeVideoReport, type AnalyzeOptions, type AnalysisReport } from './analyze';
export { FaceTrackStage, facesOf, mainFaceOf, type FaceFrame } from './stage';
export { faceHeight, mouthOpenness, landmarkBox, MESH } from './geometry';
export { faceModelRuns } from './models/sessions';
