import pino, { type Logger } from 'pino';

/**
 * Paths pino blanks in every log line: credentials in config objects, headers and errors.
 * Secrets must not reach logs even when a whole object is logged by mistake.
 */
export const REDACTED_PATHS = [
  '*.accessToken',
  '*.consumerKey',
  '*.consumerSecret',
  '*.password',
  '*.secret',
  '*.clientKey',
  '*.token',
  '*.apiKey',
  '*.clientSecret',
  '*.refreshToken',
  '*.client_secret',
  '*.refresh_token',
  '*.access_token',
  '*.webhookSecret',
  'vendors[*].webhookSecret',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-shopify-access-token"]',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
  '*.headers["x-shopify-access-token"]',
  'vendors[*].accessToken',
  'vendors[*].consumerKey',
  'vendors[*].consumerSecret',
  'vendors[*].password',
  'vendors[*].clientSecret',
  'vendors[*].refreshToken',
];

export interface LoggerOptions {
  readonly level?: string;
  /** Human-readable lines for a terminal (development); JSON otherwise. */
  readonly pretty?: boolean;
  readonly destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const base: pino.LoggerOptions = {
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    base: { service: 'stockgraph' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,service' } } });
  }
  return pino(base);
}
