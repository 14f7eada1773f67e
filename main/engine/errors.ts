/**
 * Every failure a user can cause (bad file, missing face, full disk…) is a RedubError:
 * one line, naming the file and the problem, so the CLI and the editor can show it as is.
 */
export type RedubErrorCode =
  | 'FILE_NOT_FOUND'
  | 'MEDIA_UNREADABLE'
  | 'NO_VIDEO_STREAM'
  | 'OUTPUT_DIR_MISSING'
  | 'OUTPUT_EXISTS'
  | 'FFMPEG_MISSING'
  | 'FFMPEG_FAILED'
  | 'PROJECT_IN_USE'
  | 'PROJECT_CORRUPT'
  | 'MODEL_MISSING'
  | 'MODEL_INVALID'
  | 'DISK_FULL'
  | 'CANCELLED'
  | 'INVALID_ARGUMENT'
  | 'NO_FACE'
  | 'FARM_UNREACHABLE';

export class RedubError extends Error {
  constructor(
    readonly code: RedubErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(file ? `${file}: ${message}` : message);
    this.name = 'RedubError';
  }
}

export function isRedubError(e: unknown): e is RedubError {
  return e instanceof RedubError;
}
