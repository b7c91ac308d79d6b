import { contextBridge, ipcRenderer } from 'electron';
import { buildParleyApi } from './api.js';

contextBridge.exposeInMainWorld('parley', buildParleyApi(ipcRenderer));
