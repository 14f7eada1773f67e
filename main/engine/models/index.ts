/** Public surface of the model manager (manifest, download/import/verify, sessions). */
export { ModelManager, resolveModel, type ModelStatus } from './manager';
export { loadManifest, findModel, MODEL_ROLES, type ModelEntry, type ModelRole, type Manifest, type TensorSpec } from './manifest';
export type { DownloadOptions, DownloadResult } from './download';
export type { ImportOptions, ImportResult } from './import';
export type { VerifyResult } from './verify';
export type { LicenceNotice } from './licence';
export type { TransferProgress } from './transfer';
export { availableProviders, parsePreference, preferenceFromEnv, type ProviderName, type ProviderInfo } from './providers';
export { SessionPool, createSession, neuralSessions, type ModelSession } from './sessions';
export { openModel } from './open';
