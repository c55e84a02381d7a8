import { ErrorCode } from '../errors/error-code.ts';
import { GatewayError } from '../errors/gateway-error.ts';

/** The names `extensions.limit` takes, one per configured limit. */
export const LimitName = {
  DEPTH: 'maxDepth',
  ALIASES: 'maxAliases',
  DIRECTIVES: 'maxDirectives',
  FIELD_REPEATS: 'maxFieldRepeats',
  TOKENS: 'maxTokens',
  COST: 'maxCost',
  BODY_BYTES: 'maxBodyBytes',
} as const;
export type LimitName = (typeof LimitName)[keyof typeof LimitName];

const WHAT: Record<LimitName, string> = {
  maxDepth: 'nests fields',
  maxAliases: 'uses aliases',
  maxDirectives: 'uses directives',
  maxFieldRepeats: 'repeats one field in a selection',
  maxTokens: 'has tokens',
  maxCost: 'costs',
  maxBodyBytes: 'has body bytes',
};

/** A request over one of `limits`: HTTP 400, nothing executed, nothing sent upstream. */
export function queryTooComplex(limit: LimitName, value: number, max: number): GatewayError {
  const shown = Number.isFinite(value) ? value : 'more than can be counted';
  return new GatewayError(ErrorCode.QUERY_TOO_COMPLEX, `The request ${WHAT[limit]} ${shown} (limits.${limit} is ${max})`, {
    extensions: { limit, value: Number.isFinite(value) ? value : null, max, http: { status: 400 } },
  });
}
