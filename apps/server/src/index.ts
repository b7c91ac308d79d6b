export { createServer, DATABASE_FILE, type ParleyServer, type ServerOptions } from './server.js';
export { defaultDataDir, type ServerConfig, type ServerConfigInput } from './config.js';
export { DatabaseTooNewError } from '@parley/db';
