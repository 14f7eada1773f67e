import { z } from 'zod';

/**
 * A render farm as the editor names it: its Redis URL and, apart from it, the password (the
 * panel shows it masked; it is never part of a message or a job row).
 */
export const farmTargetSchema = z
  .object({
    /** redis://HOST:PORT[/db], or rediss:// for TLS. */
    url: z.string().trim().min(1, 'give the farm’s URL, e.g. redis://farm-host:6379').max(500),
    password: z.string().max(500).default(''),
  })
  .strict();
export type FarmTarget = z.infer<typeof farmTargetSchema>;

export const RENDER_TARGETS = ['local', 'farm'] as const;

/** "Render on: this computer | farm (URL)", remembered across restarts. */
export const renderOnSchema = z
  .object({
    target: z.enum(RENDER_TARGETS),
    farm: z.object({ url: z.string().max(500), password: z.string().max(500) }).strict(),
  })
  .strict();
export type RenderOn = z.infer<typeof renderOnSchema>;

const call = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R) => ({ args, result });

/** The render-farm calls of the contract (common/contract.ts spreads them in). */
export const farmCalls = {
  /** Where exports render, as last chosen (this computer until the user picks a farm). */
  getRenderOn: call(z.object({}).strict(), renderOnSchema),
  /** Remembers the choice and the farm's URL and password (app settings, not the project). */
  setRenderOn: call(renderOnSchema, renderOnSchema),
};
