import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.dom.tsx';
import { connectToCore } from './ipc/client.dom.ts';
import { bindWorkspace } from './store/workspace.dom.ts';
import './styles.css';

const client = connectToCore();
bindWorkspace(client);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
