export * from './ipc/channels.js';
export * from './ipc/cache.js';
export * from './ipc/settings.js';
export * from './ipc/contract.js';
export * from './ipc/api.js';
