import { ApiCallError, type ApiError } from '../../common/contract';
import { isRedubError, type RedubErrorCode } from '../engine/errors';

/** Codes the user caused (bad file, missing model…): shown as is, HTTP 422. */
const USER_CODES: ReadonlySet<RedubErrorCode> = new Set([
  'FILE_NOT_FOUND',
  'MEDIA_UNREADABLE',
  'NO_VIDEO_STREAM',
  'MODEL_MISSING',
  'PROJECT_IN_USE',
  'PROJECT_CORRUPT',
  'NO_FACE',
]);

export function notFound(what: string, id: string): ApiCallError {
  return new ApiCallError('NOT_FOUND', `${what} ${id} does not exist`);
}

export function invalid(message: string, field?: string): ApiCallError {
  return new ApiCallError('INVALID_ARGUMENT', message, field);
}

/** Turns anything thrown by the API into an error envelope and a status for HTTP transports. */
export function toApiError(e: unknown): { status: number; error: ApiError } {
  if (e instanceof ApiCallError) {
    const status = e.code === 'INVALID_ARGUMENT' ? 400 : e.code === 'NOT_FOUND' ? 404 : e.code === 'FORBIDDEN' ? 403 : 422;
    return { status, error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
  }
  if (isRedubError(e)) {
    const status = e.code === 'INVALID_ARGUMENT' ? 400 : USER_CODES.has(e.code) ? 422 : 500;
    return { status, error: { code: e.code, message: e.message } };
  }
  // Unknown failures keep their message (one line) but never a stack: the renderer is not trusted.
  const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return { status: 500, error: { code: 'INTERNAL', message } };
}
