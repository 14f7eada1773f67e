/** One speaker's part of a dub: the audio their mouth follows, silent where others speak. */
export interface SpeakerLines {
  /** A speaker id from analysis ("speaker1"…). */
  speaker: string;
  /** This speaker's dub audio (silence where they do not speak). */
  audioPath: string;
  /** Where that audio starts on the output timeline, seconds. */
  offset: number;
  /**
   * The analysis's face tracks that are this speaker, as the project keeps them (after merges and
   * splits); absent: the video's own re-identification decides.
   */
  trackIds?: number[];
}
