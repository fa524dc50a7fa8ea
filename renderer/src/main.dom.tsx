import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hasCoreAddress } from './ipc/client.dom.ts';
import { NoTokenPage } from './components/NoTokenPage.dom.tsx';
import './styles.css';

const root = document.getElementById('root');
if (root && hasCoreAddress()) {
  // The app (and its connection to the core) loads only once there is a core to reach.
  void import('./App.dom.tsx').then(({ App }) =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
} else if (root) {
  createRoot(root).render(
    <StrictMode>
      <NoTokenPage language={navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en'} />
    </StrictMode>,
  );
  // The address with its key pasted into this tab: open the workspace.
  window.addEventListener('hashchange', () => {
    if (hasCoreAddress()) window.location.reload();
  });
}
