import { createHash } from 'node:crypto';
import type { FeatureApiResponse } from '@growthbook/growthbook';
import { z } from 'zod';
import { ALL_FLAGS } from './flag-names.ts';

/**
 * GrowthBook's features payload: the body of `GET <apiHost>/api/features/<clientKey>` and the
 * format of a flags file, `{ "features": { "<key>": { "defaultValue": ..., "rules": [...] } } }`.
 * Rules are GrowthBook's own (force / rollout / experiment with conditions); the SDK interprets
 * them, so only their shape is checked here.
 */
const featureRuleSchema = z.looseObject({
  id: z.string().optional(),
  condition: z.record(z.string(), z.unknown()).optional(),
  coverage: z.number().min(0).max(1).optional(),
  hashAttribute: z.string().optional(),
  variations: z.array(z.unknown()).optional(),
  weights: z.array(z.number()).optional(),
});

const featureDefinitionSchema = z.looseObject({
  defaultValue: z.unknown().optional(),
  rules: z.array(featureRuleSchema).optional(),
});

const payloadSchema = z.looseObject({
  features: z.record(z.string(), featureDefinitionSchema),
  encryptedFeatures: z.undefined({ message: 'encrypted payloads are not supported: turn off encryption for this SDK connection' }).optional(),
});

/** Definitions that parsed, with what start-up and /ready report about them. */
export interface FlagDefinitions {
  readonly payload: FeatureApiResponse;
  /** Where they came from: the file path or "GrowthBook API <host>" (never the client key). */
  readonly origin: string;
  /** Short content hash: tells a real change from a touch. */
  readonly fingerprint: string;
  /** Known flags the definitions leave out: they evaluate as off. */
  readonly missingFlags: readonly string[];
  /** Feature keys the gateway does not know (ignored, reported so typos show). */
  readonly unknownKeys: readonly string[];
}

export class FlagDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagDefinitionError';
  }
}

/** Parses a features payload from text (a file or an API body); throws FlagDefinitionError naming the problem. */
export function parseFlagDefinitions(text: string, origin: string): FlagDefinitions {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FlagDefinitionError(`${origin}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new FlagDefinitionError(`${origin}: ${where}: ${issue?.message ?? 'invalid'}; expected GrowthBook's { "features": { key: { defaultValue, rules } } }`);
  }
  const keys = Object.keys(parsed.data.features);
  return {
    payload: parsed.data as FeatureApiResponse,
    origin,
    fingerprint: createHash('sha256').update(text).digest('hex').slice(0, 12),
    missingFlags: ALL_FLAGS.filter((flag) => !keys.includes(flag)),
    unknownKeys: keys.filter((key) => !(ALL_FLAGS as readonly string[]).includes(key)),
  };
}
