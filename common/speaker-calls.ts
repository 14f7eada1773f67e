import { z } from 'zod';
import { idSchema, projectViewSchema } from './domain';

/** A speaker id as analysis makes them ("speaker1"…). */
const speakerIdSchema = z
  .string()
  .regex(/^speaker\d{1,6}$/, 'expected a speaker id such as "speaker2"')
  .max(64);

const call = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R) => ({ args, result });

/**
 * The speaker calls of the contract (common/contract.ts spreads them in). Speaker ids are unique
 * within a project, so every call names its project. Edits are one undo step each.
 */
export const speakerCalls = {
  /** Finds the video's speakers on first use (face analysis, cached), then answers the project with them. */
  findSpeakers: call(z.object({ projectId: idSchema }).strict(), projectViewSchema),
  renameSpeaker: call(
    z
      .object({ projectId: idSchema, speakerId: speakerIdSchema, name: z.string().trim().min(1, 'a speaker needs a name').max(200) })
      .strict(),
    projectViewSchema,
  ),
  /** The clip's lines drive this speaker's face (null: the main speaker). */
  assignClipSpeaker: call(z.object({ clipId: idSchema, speakerId: speakerIdSchema.nullable() }).strict(), projectViewSchema),
  assignSegmentSpeaker: call(z.object({ segmentId: idSchema, speakerId: speakerIdSchema.nullable() }).strict(), projectViewSchema),
  /** Two speakers are one person: `from` joins `into` (tracks, clips, segments). */
  mergeSpeakers: call(z.object({ projectId: idSchema, into: speakerIdSchema, from: speakerIdSchema }).strict(), projectViewSchema),
  /** Some of a speaker's face tracks are someone else: they become a new speaker. */
  splitSpeaker: call(
    z.object({ projectId: idSchema, speakerId: speakerIdSchema, trackIds: z.array(z.number().int().min(0)).min(1).max(1000) }).strict(),
    projectViewSchema,
  ),
} as const;
