import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getBridge } from './bridge';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
try {
  const api = getBridge();
  root.render(
    <StrictMode>
      <App api={api} />
    </StrictMode>,
  );
} catch (e) {
  root.render(<p className="fatal">{e instanceof Error ? e.message : String(e)}</p>);
}
