/** One speaker's part of a dub: the audio their mouth follows, silent where others speak. */
export interface SpeakerLines {
  /** A speaker id from analysis ("speaker1"…). */
  speaker: string;
  /** This speaker's dub audio (silence where they do not speak). */
  audioPath: string;
  /** Where that audio starts on the output timeline, seconds. */
  offset: number;
}
