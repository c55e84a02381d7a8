import { ConfigError } from '../config/config-error.ts';
import type { GatewayConfig } from '../config/config-schema.ts';
import { secretKeyIssues } from '../config/secret-key-rule.ts';
import { SecretBox } from '../secrets/secret-box.ts';
import { SECRET_KEY_ENV, type SecretKeys } from '../secrets/secret-keys.ts';
import { SealedValues, type KeyValueSpace } from '../secrets/sealed-values.ts';

/**
 * The sealed key/value space vendors keep their secrets in, or undefined when no key is set.
 * A vendor that must keep a secret and no key: start-up stops, naming the variable.
 */
export function sealedValuesFor(config: GatewayConfig, store: KeyValueSpace, keys: SecretKeys | null): SealedValues | undefined {
  if (!keys) {
    const issues = secretKeyIssues(config, {});
    if (issues.length > 0) throw new ConfigError(issues, SECRET_KEY_ENV);
    return undefined;
  }
  return new SealedValues(store, new SecretBox(keys), 'vendor-secrets');
}
