import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getBridge } from './bridge';
import { trackModelFetches } from './state/modelFetchLog';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
try {
  const api = getBridge();
  trackModelFetches(api);
  root.render(
    <StrictMode>
      <App api={api} />
    </StrictMode>,
  );
} catch (e) {
  root.render(<p className="fatal">{e instanceof Error ? e.message : String(e)}</p>);
}
