export { createServer, DATABASE_FILE, type ParleyServer } from './server.js';
export { defaultDataDir, type ServerConfig, type ServerConfigInput } from './config.js';
export { DatabaseTooNewError } from './db/migrate.js';
