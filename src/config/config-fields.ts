import { z } from 'zod';

/** Vendor ids appear in global IDs and metrics labels, so they are kept to a safe alphabet. */
export const vendorIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lowercase letters, digits and dashes (for example "acme-shopify")');

/** An origin or base URL; the https-in-production rule is checked after parsing (httpsInProduction in check-config-rules.ts). */
export const urlSchema = z.url({ message: 'must be an absolute URL such as https://shop.example.com' });

/** A secret after `${ENV_VAR}` interpolation. */
export const secretSchema = z.string().min(1, 'must not be empty');

/** The secret a vendor signs its webhooks with (POST /webhooks/<vendorId>); see src/realtime/webhooks. */
export const webhookSecretSchema = secretSchema.optional();

/** Fields that hold secrets: they must come from `${ENV_VAR}` references in production and are redacted in logs. */
export const SECRET_FIELD_NAMES: ReadonlySet<string> = new Set([
  'accessToken',
  'consumerKey',
  'consumerSecret',
  'clientSecret',
  'refreshToken',
  'password',
  'secret',
  'clientKey',
  'token',
  'apiKey',
  'value',
  'webhookSecret',
]);
