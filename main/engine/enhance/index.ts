import { RedubError } from '../errors';
import { resolveModel } from '../models';
import { registerEnhancer } from '../stages/registry';
import { ENHANCERS, enhancerNames } from './specs';
import { EnhanceStage } from './stage';

/**
 * `--enhance NAME`: one face restoration stage after the lip-sync engine. The model is
 * resolved while the chain is built, so a missing one stops the run before any output exists.
 */
registerEnhancer(async (req, faces) => {
  if (!req.enhance) return [];
  const spec = ENHANCERS[req.enhance];
  if (!spec) throw new RedubError('INVALID_ARGUMENT', `unknown enhancer "${req.enhance}" (available: ${enhancerNames().join(', ')})`);
  resolveModel(spec.model);
  return [new EnhanceStage(faces, spec)];
});

export { EnhanceStage, ENHANCERS, enhancerNames };
