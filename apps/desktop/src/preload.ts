import { DESKTOP_BRIDGE_GLOBAL } from '@confab/shared/desktop';
import { contextBridge, ipcRenderer } from 'electron';
import { z } from 'zod';
import { createDesktopBridge } from './bridge/create-bridge.js';

// Pages run under a CSP without 'unsafe-eval': zod must not try to compile validators.
z.config({ jitless: true });

// Sandboxed and context-isolated: the page sees this object only, never ipcRenderer.
contextBridge.exposeInMainWorld(DESKTOP_BRIDGE_GLOBAL, createDesktopBridge(ipcRenderer));
