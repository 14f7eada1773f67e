/**
 * LivePortrait expression editing (in parts). Not wired into the stage chain: the reference
 * leaves its tensor shapes open, so the stage refuses files it cannot verify (MODEL_INVALID).
 */
export { LivePortraitStage, LIVE_PORTRAIT_PARTS, type ExpressionOffsets } from './stage';
export { drivenKeypoints, offsetExpression, rotation, type Motion } from './motion';
export { motionInput, LIVE_PORTRAIT_CROP, type MotionInput } from './prepare';
export { checkLivePortrait, squareImageSize, MOTION_OUTPUTS } from './signature';
