import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { renderOnSchema } from '../../common/farm-calls';

/** What the editor remembers for the user beside the recent-projects list (not per project). */
const editorSettingsSchema = z.object({ modelsDir: z.string().optional(), renderOn: renderOnSchema.optional() }).strict();
export type EditorSettings = z.infer<typeof editorSettingsSchema>;

const FILE = 'editor-settings.json';

/** The saved settings; a missing or unreadable file is no settings (the defaults apply). */
export function loadEditorSettings(dir: string): EditorSettings {
  const path = join(dir, FILE);
  if (!existsSync(path)) return {};
  try {
    return editorSettingsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return {};
  }
}

/** Written through a temp name: a crash mid-write keeps the previous settings. */
export function saveEditorSettings(dir: string, patch: EditorSettings): void {
  const next = { ...loadEditorSettings(dir), ...patch };
  const path = join(dir, FILE);
  writeFileSync(`${path}.tmp`, JSON.stringify(next, null, 2));
  renameSync(`${path}.tmp`, path);
}
