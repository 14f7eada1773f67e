import { useEffect, useState } from 'react';
import type { RedubBridge } from '../../../common/contract';
import type { FarmTarget, RenderOn } from '../../../common/farm-calls';

const LOCAL: RenderOn = { target: 'local', farm: { url: '', password: '' } };

/**
 * A URL pasted with its password (redis://:secret@host) keeps only the address: the password
 * moves to its own masked field, so it is never on screen.
 */
function splitPassword(farm: RenderOn['farm']): RenderOn['farm'] {
  try {
    const u = new URL(farm.url);
    if (!u.password) return farm;
    const password = decodeURIComponent(u.password);
    u.password = '';
    return { url: u.toString().replace(/\/$/, ''), password };
  } catch {
    return farm;
  }
}

/** Where exports render, remembered by the app (getRenderOn / setRenderOn), not per project. */
export function useRenderOn(api: RedubBridge): [RenderOn, (next: RenderOn, save?: boolean) => void, FarmTarget | null] {
  const [renderOn, setRenderOn] = useState<RenderOn>(LOCAL);
  useEffect(() => {
    let live = true;
    api.getRenderOn({}).then(
      (r) => live && setRenderOn(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  const update = (next: RenderOn, save = true) => {
    setRenderOn(next);
    if (save) void api.setRenderOn(next).catch(() => undefined);
  };
  return [renderOn, update, renderOn.target === 'farm' ? renderOn.farm : null];
}

/** "Render on: this computer | farm (URL)"; the farm's password in a masked field of its own. */
export function RenderOnChoice({ value, onChange }: { value: RenderOn; onChange: (next: RenderOn, save?: boolean) => void }) {
  const farm = value.target === 'farm';
  const setFarm = (patch: Partial<RenderOn['farm']>, save = false) => onChange({ ...value, farm: { ...value.farm, ...patch } }, save);
  return (
    <fieldset className="field render-on">
      <legend>Render on</legend>
      <div className="checks">
        <label className="check">
          <input type="radio" name="render-on" checked={!farm} onChange={() => onChange({ ...value, target: 'local' })} /> This computer
        </label>
        <label className="check">
          <input type="radio" name="render-on" checked={farm} onChange={() => onChange({ ...value, target: 'farm' })} /> Render farm
        </label>
      </div>
      {farm && (
        <>
          <div className="field">
            <label htmlFor="farm-url">Farm URL</label>
            <input
              id="farm-url"
              className="mono"
              placeholder="redis://farm-host:6379"
              value={value.farm.url}
              spellCheck={false}
              onChange={(e) => setFarm({ url: e.target.value })}
              onBlur={() => onChange({ ...value, farm: splitPassword(value.farm) }, true)}
            />
          </div>
          <div className="field">
            <label htmlFor="farm-password">Farm password</label>
            <input
              id="farm-password"
              type="password"
              autoComplete="off"
              value={value.farm.password}
              onChange={(e) => setFarm({ password: e.target.value })}
              onBlur={() => onChange(value, true)}
            />
          </div>
        </>
      )}
      {farm && <span className="hint small">Workers started with `redub worker --farm URL` render the chunks (docs/farm.md).</span>}
    </fieldset>
  );
}
