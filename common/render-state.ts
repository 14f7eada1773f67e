import { z } from 'zod';

/**
 * The timeline's render bar: per chunk of the language's render (the same content-addressed
 * chunks an export uses) whether its file exists for the current edit (rendered), exists only
 * for an earlier edit of that stretch (stale), or not at all (none).
 */
export const CHUNK_RENDER_STATES = ['rendered', 'stale', 'none'] as const;

export const renderChunkSchema = z.object({
  /** Seconds on the output timeline. */
  start: z.number(),
  end: z.number(),
  startFrame: z.number().int(),
  endFrame: z.number().int(),
  state: z.enum(CHUNK_RENDER_STATES),
  /** The rendered chunk's video, for playback (null unless rendered). */
  url: z.string().nullable(),
});
export type RenderChunk = z.infer<typeof renderChunkSchema>;

export const renderStateSchema = z.object({
  projectId: z.string(),
  language: z.string(),
  fps: z.number(),
  chunks: z.array(renderChunkSchema),
  /** The chunk being rendered now, with its progress 0..1. */
  rendering: z.object({ start: z.number(), end: z.number(), progress: z.number() }).nullable(),
  /** 'around': the background render near the playhead; 'range': "Render In to Out". */
  mode: z.enum(['around', 'range']).nullable(),
  /** Why the last render stopped, in words (null: it did not fail). */
  error: z.string().nullable(),
});
export type RenderState = z.infer<typeof renderStateSchema>;
