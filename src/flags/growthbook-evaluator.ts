import { GrowthBookClient, type Attributes, type FeatureResult, type UserContext } from '@growthbook/growthbook';
import type { FlagEvaluation, FlagEvaluator } from './flag-evaluator.ts';
import type { FeatureFlag } from './flag-names.ts';
import type { FlagDefinitions } from './flag-definitions.ts';

/** Called once per flag per request when it is first evaluated (metrics count these). */
export type OnEvaluate = (flag: FeatureFlag, on: boolean) => void;

/**
 * One loaded set of definitions, shared by every request until the next reload. The SDK's
 * multi-user client evaluates with GrowthBook's own hashing and condition language, so a
 * percentage rollout or a targeting rule decides exactly as GrowthBook's other SDKs do for the
 * same attributes. It is built from a payload in memory: no network, no polling of its own.
 */
export class LoadedFlagDefinitions {
  readonly definitions: FlagDefinitions;
  private readonly client: GrowthBookClient;

  constructor(definitions: FlagDefinitions) {
    this.definitions = definitions;
    this.client = new GrowthBookClient({}).initSync({ payload: definitions.payload });
  }

  evaluate(flag: FeatureFlag, user: UserContext): FeatureResult {
    return this.client.evalFeature(flag, user);
  }

  isDefined(flag: FeatureFlag): boolean {
    return Object.hasOwn(this.definitions.payload.features ?? {}, flag);
  }
}

/**
 * A caller's view of the flags for one request: evaluated lazily, each flag at most once, against
 * the definitions current when the request started (a reload mid-request does not split it).
 */
export class GrowthBookFlagEvaluator implements FlagEvaluator {
  private readonly loaded: LoadedFlagDefinitions;
  private readonly user: UserContext;
  private readonly onEvaluate: OnEvaluate | undefined;
  private readonly results = new Map<FeatureFlag, FeatureResult>();

  constructor(loaded: LoadedFlagDefinitions, attributes: Attributes, onEvaluate?: OnEvaluate) {
    this.loaded = loaded;
    this.user = { attributes };
    this.onEvaluate = onEvaluate;
  }

  isOn(flag: FeatureFlag): boolean {
    return this.result(flag).on;
  }

  explain(flag: FeatureFlag): FlagEvaluation {
    const result = this.result(flag);
    return {
      flag,
      on: result.on,
      value: result.value,
      source: this.loaded.isDefined(flag) ? this.loaded.definitions.origin : 'default',
      reason: result.source,
    };
  }

  private result(flag: FeatureFlag): FeatureResult {
    let result = this.results.get(flag);
    if (!result) {
      result = this.loaded.evaluate(flag, this.user);
      this.results.set(flag, result);
      this.onEvaluate?.(flag, result.on);
    }
    return result;
  }
}
