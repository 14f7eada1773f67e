import { RedubError } from '../errors';
import { formatSize, type Licence, type ModelEntry } from './manifest';

export interface LicenceNotice {
  model: string;
  licence: Licence;
  nonCommercial: boolean;
  /** One paragraph for the CLI / editor to show before downloading. */
  text: string;
}

export function licenceNotice(m: ModelEntry): LicenceNotice {
  const nonCommercial = !m.licence.commercialUse;
  const use = nonCommercial ? 'NON-COMMERCIAL use only' : 'commercial use allowed';
  const text = `${m.name} (${formatSize(m.size)}) is licensed under ${m.licence.name} [${m.licence.id}], ${use}: ${m.licence.url}`;
  return { model: m.name, licence: m.licence, nonCommercial, text };
}

/** Downloading means accepting the model's licence: the caller must say so. */
export function requireAcceptance(m: ModelEntry, accepted: boolean | undefined): void {
  if (accepted === true) return;
  const n = licenceNotice(m);
  throw new RedubError(
    'INVALID_ARGUMENT',
    `${n.text}. Accept the licence ${m.licence.id} to download it (redub models download ${m.name} --accept-licence)`,
  );
}
