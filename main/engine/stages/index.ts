/**
 * The stage chain and everything that plugs into it. Importing this module registers the
 * built-in stages (debug overlay, lip-sync engines), so the CLI and the editor import it once.
 */
import './debug-overlay';
import '../lipsync/neural';
import '../enhance';
import '../lipsync/builtin';

export { buildStageChain, lipsyncEngines, registerLipsyncEngine, type LipsyncRequest } from './registry';
