import { dirname, join, resolve } from 'node:path';

export interface AppConfig {
  port: number;
  /** The address it listens on. */
  host: string;
  dataDir: string;
  /** The embedded store's file; instances on one machine may share it, each with its own data folder. */
  sqliteFile: string;
  /** How long the side-effects lease holds without a renewal (the holder renews at a third of it). */
  leaseTtlMs: number;
  eventStoreConnectionString?: string;
  adminToken?: string;
  publicBaseUrl: string;
  /** Largest request body in bytes. */
  bodyLimitBytes: number;
  /** Facts a request of POST /events may carry (rules: 1000). */
  maxFactsPerRequest: number;
  /** Requests a token may make per minute; 0 switches the limit off. */
  rateLimitPerMinute: number;
  /** First retry delay of an outbound webhook; it doubles up to five minutes. */
  outboundRetryBaseMs: number;
  /** Whether outbound webhooks may reach loopback and private addresses, and plain http (tests, closed networks). */
  outboundAllowPrivateNetworks: boolean;
  /** Sign-in with the university's OpenID provider, when OIDC_ISSUER is set. */
  oidc?: OidcConfig;
  /** How long a dashboard session lasts, in minutes (SESSION_TTL_MINUTES). */
  sessionTtlMinutes: number;
  /** The key sessions are signed with (SESSION_SECRET); generated and kept beside the store when unset. */
  sessionSecret?: string;
  /** The key that wraps each student's documents key (DOCUMENTS_KEY, 32 bytes in base64); generated and kept beside the store when unset. */
  documentsKey?: Buffer;
  /** The largest excuse document, in bytes (DOCUMENT_MAX_BYTES). */
  documentMaxBytes: number;
  /** E-mail notices: on when both the SMTP server (SMTP_URL) and the sender (MAIL_FROM) are set. */
  mail?: MailConfig;
  /** What the read side keeps in memory at most, in sections and in facts; the others are read back from disk when needed. */
  readCache: ReadCacheBound;
  /** The least severe level the JSON log writes (LOG_LEVEL). */
  logLevel: LogLevel;
  /** The environment it was read from, for the platforms' secrets. */
  env: NodeJS.ProcessEnv;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** The ID token claim that holds the person's groups or roles (OIDC_ROLE_CLAIM). */
  roleClaim: string;
  /** Claim value → role, first match wins, in this order (OIDC_ROLES). */
  roles: Array<{ value: string; role: (typeof SIGN_IN_ROLES)[number] }>;
  /** The ID token claim that is the person's id in the service: a student's or a member of staff's (OIDC_SUBJECT_CLAIM). */
  subjectClaim: string;
}

export interface MailConfig {
  smtpUrl: string;
  from: string;
  /** The registrar's mailbox, which hears every deprivation (REGISTRAR_EMAIL), when set. */
  registrar?: string;
}

export interface ReadCacheBound {
  sections: number;
  facts: number;
}

/** The JSON log's levels, most severe first; `silent` writes nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(readonly setting: string, problem: string) {
    super(`Invalid configuration: ${setting} ${problem}`);
    this.name = 'ConfigError';
  }
}

function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function logLevelSetting(env: NodeJS.ProcessEnv): LogLevel {
  const raw = env.LOG_LEVEL || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return raw as LogLevel;
}

/** Where the admin token made when ADMIN_TOKEN is unset is kept: beside the embedded store's file, or in the data folder. */
export const generatedAdminTokenFile = (config: AppConfig) => join(config.eventStoreConnectionString ? config.dataDir : dirname(config.sqliteFile), 'admin-token');

/** Reads the settings of http-api.md (Running); a bad one stops the service, naming the setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = integerSetting(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  if (!/^[A-Za-z0-9.:\-\[\]]{1,253}$/.test(host)) throw new ConfigError('HOST', `must be an address or host name, got "${host}"`);
  const allowPrivate = env.OUTBOUND_ALLOW_PRIVATE_NETWORKS ?? '';
  if (!['', 'true', 'false'].includes(allowPrivate)) throw new ConfigError('OUTBOUND_ALLOW_PRIVATE_NETWORKS', `must be true or false, got "${allowPrivate}"`);
  const dataDir = resolve(env.DATA_DIR || './data');
  const connection = env.EVENTSTORE_CONNECTION_STRING || undefined;
  if (connection && !/^esdb(\+discover)?:\/\//.test(connection)) {
    throw new ConfigError('EVENTSTORE_CONNECTION_STRING', 'must start with esdb:// or esdb+discover://');
  }
  const adminToken = env.ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && adminToken.length < 16) {
    throw new ConfigError('ADMIN_TOKEN', 'must be at least 16 characters long');
  }
  const publicBaseUrl = env.PUBLIC_BASE_URL || `http://localhost:${port}`;
  try {
    new URL(publicBaseUrl);
  } catch {
    throw new ConfigError('PUBLIC_BASE_URL', `must be an absolute URL, got "${publicBaseUrl}"`);
  }
  return {
    mail: mailSetting(env),
    oidc: oidcSetting(env),
    sessionTtlMinutes: integerSetting(env, 'SESSION_TTL_MINUTES', 480, 5, 43_200),
    sessionSecret: sessionSecretSetting(env),
    documentsKey: documentsKeySetting(env),
    documentMaxBytes: integerSetting(env, 'DOCUMENT_MAX_BYTES', 3 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    port,
    host,
    dataDir,
    sqliteFile: resolve(env.SQLITE_FILE || join(dataDir, 'events.sqlite')),
    leaseTtlMs: integerSetting(env, 'LEASE_TTL_MS', 15_000, 300, 3_600_000),
    eventStoreConnectionString: connection,
    adminToken,
    publicBaseUrl: publicBaseUrl.replace(/\/$/, ''),
    bodyLimitBytes: integerSetting(env, 'BODY_LIMIT_BYTES', 4 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    maxFactsPerRequest: integerSetting(env, 'MAX_FACTS_PER_REQUEST', 1000, 1, 100_000),
    rateLimitPerMinute: integerSetting(env, 'RATE_LIMIT_PER_MINUTE', 60_000, 0, 10_000_000),
    outboundRetryBaseMs: integerSetting(env, 'OUTBOUND_RETRY_BASE_MS', 1000, 1, 600_000),
    outboundAllowPrivateNetworks: allowPrivate === 'true',
    readCache: {
      sections: integerSetting(env, 'READ_CACHE_SECTIONS', 64, 1, 100_000),
      facts: integerSetting(env, 'READ_CACHE_FACTS', 250_000, 1, 1_000_000_000),
    },
    logLevel: logLevelSetting(env),
    env,
  };
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function mailSetting(env: NodeJS.ProcessEnv): MailConfig | undefined {
  const smtpUrl = env.SMTP_URL || undefined;
  const from = env.MAIL_FROM || undefined;
  const registrar = env.REGISTRAR_EMAIL || undefined;
  if (registrar !== undefined && !EMAIL.test(registrar)) throw new ConfigError('REGISTRAR_EMAIL', `must be an e-mail address, got "${registrar}"`);
  if (!smtpUrl && !from) return undefined;
  if (!smtpUrl) throw new ConfigError('SMTP_URL', 'must be set with MAIL_FROM (for example smtp://user:pass@mail.example.edu:587)');
  if (!/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) throw new ConfigError('SMTP_URL', 'must start with smtp:// or smtps://');
  if (!from) throw new ConfigError('MAIL_FROM', 'must be set with SMTP_URL (for example "Attendance <attendance@example.edu>")');
  const address = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from;
  if (!EMAIL.test(address)) throw new ConfigError('MAIL_FROM', `must be an e-mail address, or a name and <address>, got "${from}"`);
  return { smtpUrl, from, registrar };
}

const SIGN_IN_ROLES = ['admin', 'registrar', 'faculty', 'student', 'department', 'college'] as const;

function oidcSetting(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const issuer = env.OIDC_ISSUER || undefined;
  if (!issuer) return undefined;
  if (!/^https?:\/\/\S+$/.test(issuer)) throw new ConfigError('OIDC_ISSUER', `must be the provider's issuer URL, got "${issuer}"`);
  const clientId = env.OIDC_CLIENT_ID;
  if (!clientId) throw new ConfigError('OIDC_CLIENT_ID', 'must be set with OIDC_ISSUER: the id the provider gave this service');
  const clientSecret = env.OIDC_CLIENT_SECRET;
  if (!clientSecret) throw new ConfigError('OIDC_CLIENT_SECRET', 'must be set with OIDC_ISSUER: the secret the provider gave this service');
  const pairs = (env.OIDC_ROLES || 'attendance-admin=admin,attendance-registrar=registrar,attendance-faculty=faculty,attendance-student=student').split(',').map((p) => p.trim()).filter(Boolean);
  const roles = pairs.map((pair) => {
    const [value, role] = pair.split('=').map((p) => p?.trim());
    if (!value || !SIGN_IN_ROLES.includes(role as never)) throw new ConfigError('OIDC_ROLES', `"${pair}" must be <claim value>=<${SIGN_IN_ROLES.join('|')}>`);
    return { value, role: role as OidcConfig['roles'][number]['role'] };
  });
  return {
    issuer: issuer.replace(/\/$/, ''),
    clientId,
    clientSecret,
    scopes: env.OIDC_SCOPES || 'openid profile email',
    roleClaim: env.OIDC_ROLE_CLAIM || 'roles',
    roles,
    subjectClaim: env.OIDC_SUBJECT_CLAIM || 'preferred_username',
  };
}

function sessionSecretSetting(env: NodeJS.ProcessEnv): string | undefined {
  const secret = env.SESSION_SECRET || undefined;
  if (secret !== undefined && secret.length < 32) throw new ConfigError('SESSION_SECRET', 'must be at least 32 characters long');
  return secret;
}

/** Where a generated session key is kept: beside the store, like the generated admin token, so the instances that share it share sessions. */
export const generatedSessionSecretFile = (config: AppConfig) => join(dirname(generatedAdminTokenFile(config)), 'session-secret');

function documentsKeySetting(env: NodeJS.ProcessEnv): Buffer | undefined {
  const value = env.DOCUMENTS_KEY || undefined;
  if (value === undefined) return undefined;
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new ConfigError('DOCUMENTS_KEY', 'must be 32 random bytes in base64 (openssl rand -base64 32)');
  return key;
}

/** Where the excuse documents and their generated key are kept: beside the store, so the instances that share it share them. */
export const documentsFileIn = (config: AppConfig) => join(dirname(generatedAdminTokenFile(config)), 'documents.sqlite');
export const generatedDocumentsKeyFile = (config: AppConfig) => join(dirname(generatedAdminTokenFile(config)), 'documents-key');
