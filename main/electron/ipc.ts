import { ipcMain } from 'electron';
import { CALL_NAMES, channelOf, parseArgs, type EditorApi, type Envelope } from '../../common/contract';
import { toApiError } from '../bridge/errors';
import { APP_ORIGIN } from './app-protocol';

/**
 * One ipcMain.handle per contract call. Nothing from the renderer is trusted: the sender must
 * be our own page, and the arguments are parsed with the contract's zod schema before use.
 * Results and errors travel as envelopes (Electron would otherwise rewrite error messages).
 */
export function registerIpc(api: EditorApi): void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(channelOf(name), async (event, raw): Promise<Envelope<unknown>> => {
      if (!event.senderFrame?.url.startsWith(`${APP_ORIGIN}/`)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'IPC from a page that is not the editor' } };
      }
      try {
        const args = parseArgs(name, raw);
        const result = await (api[name] as (a: typeof args) => Promise<unknown>)(args);
        return { ok: true, result };
      } catch (e) {
        return { ok: false, error: toApiError(e).error };
      }
    });
  }
}
