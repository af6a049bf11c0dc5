import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { App } from './App';
import { dropEmptyTextChildren } from './lib/empty-text';
import './styles.css';

// Before the first render: Preact rewrites empty text nodes on every render (lib/empty-text.ts).
dropEmptyTextChildren();
const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
