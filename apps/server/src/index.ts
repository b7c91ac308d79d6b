export { createServer, DATABASE_FILE, type ParleyServer, type ServerOptions } from './server.js';
export { defaultDataDir, type ServerConfig, type ServerConfigInput } from './config.js';
export { DatabaseTooNewError } from '@parley/db';
export { lanAddresses } from './lan-addresses.js';
export { issueCertificate, type CertificateRequest, type IssuedCertificate } from './tls/certificate.js';
export { publicKeyFingerprint, TlsSetupError } from './tls/server-tls.js';
