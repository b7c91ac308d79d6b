import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildParleyApi } from './api.js';

contextBridge.exposeInMainWorld(
  'parley',
  buildParleyApi(ipcRenderer, (file) => webUtils.getPathForFile(file)),
);
