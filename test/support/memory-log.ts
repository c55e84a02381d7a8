import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { REDACTED_PATHS } from '../../src/observability/create-logger.ts';

/** A pino logger configured like production's (same redaction) that keeps every line in memory. */
export function memoryLogger(level = 'debug'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ level, redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } }, destination);
  return { logger, lines };
}
