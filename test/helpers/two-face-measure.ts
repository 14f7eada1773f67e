import { evaluateLipSync } from '../../main/engine/analysis/eval';
import { psnrOutsideLowerFaces } from '../../main/engine/analysis/outside-faces-psnr';
import { analyzeVideo } from '../../main/engine/face/analyze';
import type { FaceTrack } from '../../main/engine/face/types';

/** Track ids of the left and right face in a track of the two-face video (or a dub of it). */
export function sides(track: FaceTrack): { left: number; right: number } {
  const faces = track.frames[10].faces;
  return {
    left: faces.reduce((a, b) => (a.box.x < b.box.x ? a : b)).trackId,
    right: faces.reduce((a, b) => (a.box.x > b.box.x ? a : b)).trackId,
  };
}

export interface TwoFaceScores {
  /** Speech/silence AUC of each face's openness against its own line. */
  leftAuc: number;
  rightAuc: number;
  /** PSNR against the source outside both lower faces, dB. */
  psnr: number;
}

/**
 * The must-show measures of a two-face dub: each face's openness against its own line
 * (AUC), and how much of the frame outside both lower faces stayed the source's (PSNR).
 * Logged under `label`; the caller asserts.
 */
export async function measureTwoFaces(
  label: string,
  out: string,
  source: string,
  lines: { left: string; right: string },
): Promise<TwoFaceScores> {
  const track = await analyzeVideo(out);
  const ids = sides(track);
  const l = await evaluateLipSync({ video: out, audio: lines.left, analyze: { mainTrackId: ids.left } });
  const r = await evaluateLipSync({ video: out, audio: lines.right, analyze: { mainTrackId: ids.right } });
  const scores = { leftAuc: l.speechSilenceAuc, rightAuc: r.speechSilenceAuc, psnr: await psnrOutsideLowerFaces(out, source, track) };
  console.info(
    `${label}: left AUC ${scores.leftAuc.toFixed(3)}, right AUC ${scores.rightAuc.toFixed(3)}, PSNR outside both lower faces ${scores.psnr.toFixed(1)} dB`,
  );
  return scores;
}
