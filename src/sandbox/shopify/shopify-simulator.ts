import { readFileSync } from 'node:fs';
import { LRUCache } from 'lru-cache';
import {
  buildSchema,
  execute,
  getDirectiveValues,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { FaultKind, FaultSettings } from '../fault-injection.ts';
import { SimulatorServer, type SimRequest, type SimResponse, type SimulatorHandler } from '../simulator-server.ts';
import { ShopifyCatalog, type SimVariant } from './shopify-sim-catalog.ts';
import type { ShopifyThrottleStatus } from '../../resilience/shopify-cost-budget.ts';
import { CostBucket } from './shopify-sim-cost-bucket.ts';
import { IdempotencyStore } from './shopify-sim-idempotency.ts';
import { adjustQuantities, setQuantities, type MutationOutcome } from './shopify-sim-inventory-mutations.ts';
import { checkArgumentLimits } from './shopify-sim-limits.ts';
import { actualCost, requestedCost, type CostInput } from './shopify-sim-query-cost.ts';
import { DOCUMENTED_ANSWERS, groupView, queryRoot, type ShopifySimAnswers, type ShopView } from './shopify-sim-views.ts';
import { DemoOrderBook, type DemoOrderBookOptions } from '../demo-order-book.ts';
import { demoSellables } from '../demo-sellables.ts';
import { ordersRoot } from './shopify-sim-orders.ts';
import { ShopifySimOAuth, type ShopifySimOAuthOptions } from './shopify-sim-oauth.ts';
import { ShopifySimWebhooks } from './shopify-sim-webhooks.ts';

/**
 * The Shopify Admin GraphQL API as the gateway meets it, version 2026-07 (SIMULATED_API_VERSION):
 * `POST /admin/api/2026-07/graphql.json` with `X-Shopify-Access-Token`, a schema subset in
 * shopify-admin-2026-07.subset.graphql, calculated query cost with a leaky bucket, THROTTLED and
 * MAX_COST_EXCEEDED answers, opaque cursors, and the 2026-07 inventory mutations
 * (`changeFromQuantity`, required `@idempotent(key:)`).
 */
/**
 * The one Admin API version this simulator answers (its SDL is shopify-admin-2026-07.subset.graphql).
 * Its own constant, not the client's pinned default: when the client moves to a new version, the
 * simulator answers 404 until it is taught that version too, as a real shop would for an unknown one.
 */
export const SIMULATED_API_VERSION = '2026-07';

export const SHOPIFY_SIM_SDL = readFileSync(new URL('./shopify-admin-2026-07.subset.graphql', import.meta.url), 'utf8');

/** Shopify's single-query ceiling on REQUESTED cost (README §1.5). */
export const MAX_QUERY_COST = 1000;

const RATE_LIMIT_DOCS = 'https://shopify.dev/api/usage/rate-limits';
const INVALID_TOKEN_BODY = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };
const NOT_FOUND_BODY = { errors: 'Not Found' };
const IDEMPOTENT_MUTATIONS: ReadonlySet<string> = new Set(['inventorySetQuantities', 'inventoryAdjustQuantities']);
const PATH = /^\/admin\/api\/([^/]+)\/graphql\.json$/;
const OAUTH_PATH = '/admin/oauth/access_token';

export interface ShopifySimulatorOptions {
  readonly faults?: FaultSettings;
  readonly bucket?: { readonly maximumAvailable?: number; readonly restoreRate?: number };
  readonly seed?: number;
  readonly productCount?: number;
  /** Epoch ms clock for the cost bucket and timestamps (tests inject one; no sleeping). */
  readonly now?: () => number;
  readonly accessToken?: string;
  readonly shopDomain?: string;
  readonly currencyCode?: string;
  /** The demo order history (`orders` query); the simulator's `now` is its clock. */
  readonly orders?: Omit<DemoOrderBookOptions, 'now'>;
  /** A public app with expiring offline tokens (`POST /admin/oauth/access_token`); see shopify-sim-oauth.ts. */
  readonly oauth?: ShopifySimOAuthOptions;
  /** Forms of documented-nullable fields; default: as shopify.dev's examples show (DOCUMENTED_ANSWERS). */
  readonly answers?: Partial<ShopifySimAnswers>;
  /** The app's client secret: webhooks are signed with it (X-Shopify-Hmac-Sha256). */
  readonly webhookSecret?: string;
}

export interface ShopifySimulator {
  readonly server: SimulatorServer;
  /** Origin to use as the vendor's `endpoint`. */
  readonly url: string;
  readonly accessToken: string;
  readonly shopDomain: string;
  /** The same two values in the shape every simulator offers. */
  readonly credentials: { readonly shopDomain: string; readonly accessToken: string };
  readonly apiVersion: string;
  readonly catalog: ShopifyCatalog;
  readonly bucket: CostBucket;
  readonly idempotency: IdempotencyStore;
  /** The order history `orders` serves (and the truth tests compare against). */
  readonly orders: DemoOrderBook<SimVariant>;
  /** The expiring-token app, when `oauth` was given. */
  readonly oauth: ShopifySimOAuth | null;
  /** Mutations wait (after claiming their idempotency key) until the returned release is called. */
  holdMutations(): () => void;
  /** Webhook subscriptions and deliveries (stock changes are delivered to every `inventory_levels/update` target). */
  readonly webhooks: ShopifySimWebhooks;
  readonly webhookSecret: string;
  /** A demo sale: one unit of a stocked item moves from available to committed (and is delivered as a webhook). */
  sellOne(pick: (count: number) => number): void;
  close(): Promise<void>;
}

export async function startShopifySimulator(options: ShopifySimulatorOptions = {}): Promise<ShopifySimulator> {
  const handler = new ShopifyGraphqlHandler(options);
  const server = new SimulatorServer(handler, options.faults);
  const url = await server.listen();
  return {
    server,
    url,
    accessToken: handler.accessToken,
    shopDomain: handler.view.shopDomain,
    credentials: { shopDomain: handler.view.shopDomain, accessToken: handler.accessToken },
    apiVersion: SIMULATED_API_VERSION,
    catalog: handler.view.catalog,
    bucket: handler.bucket,
    idempotency: handler.idempotency,
    orders: handler.orders,
    oauth: handler.oauth,
    holdMutations: () => handler.hold(),
    webhooks: handler.webhooks,
    webhookSecret: handler.webhookSecret,
    sellOne: (pick) => handler.sellOne(pick),
    close: async () => {
      await server.close();
      await handler.webhooks.sender.idle();
    },
  };
}

interface GraphqlBody {
  readonly query?: unknown;
  readonly variables?: unknown;
  readonly operationName?: unknown;
}

export class ShopifyGraphqlHandler implements SimulatorHandler {
  readonly accessToken: string;
  readonly view: ShopView;
  readonly bucket: CostBucket;
  readonly idempotency = new IdempotencyStore();
  readonly orders: DemoOrderBook<SimVariant>;
  readonly oauth: ShopifySimOAuth | null;
  readonly webhookSecret: string;
  readonly webhooks: ShopifySimWebhooks;
  private readonly schema: GraphQLSchema;
  /**
   * Parsed and validated documents by query text, as any production GraphQL server keeps them:
   * clients send the same few documents with different variables, and parse + validate against
   * the Admin schema is most of a small query's CPU. Variables-dependent checks still run each time.
   */
  private readonly documents = new LRUCache<string, { document: DocumentNode } | { errors: readonly GraphQLError[] }>({ max: 500 });
  private readonly now: () => number;
  private gate: Promise<void> | null = null;
  private groupSeq = 0;

  constructor(options: ShopifySimulatorOptions) {
    this.accessToken = options.accessToken ?? 'shpat_sandbox_0123456789abcdef';
    this.now = options.now ?? Date.now;
    this.bucket = new CostBucket({ ...options.bucket, now: this.now });
    this.oauth = options.oauth ? new ShopifySimOAuth(options.oauth, this.now) : null;
    this.schema = buildSchema(SHOPIFY_SIM_SDL);
    this.view = {
      catalog: new ShopifyCatalog({ seed: options.seed, productCount: options.productCount }),
      currencyCode: options.currencyCode ?? 'USD',
      shopName: 'Stockgraph Demo Outfitters',
      shopDomain: options.shopDomain ?? 'stockgraph-demo.myshopify.com',
      answers: { ...DOCUMENTED_ANSWERS, ...options.answers },
    };
    this.webhookSecret = options.webhookSecret ?? 'shpss_sandbox_webhook_secret_0123456789';
    this.webhooks = new ShopifySimWebhooks(this.webhookSecret, this.view.shopDomain, SIMULATED_API_VERSION);
    const sellables = demoSellables(this.view.catalog.variants.values(), (variant) => variant.sku, (variant) => variant.price);
    this.orders = new DemoOrderBook(sellables, { seed: 101, scale: 0.08, ...options.orders, now: this.now });
  }

  hold(): () => void {
    let release: () => void = () => undefined;
    this.gate = new Promise<void>((resolve) => {
      release = () => {
        this.gate = null;
        resolve();
      };
    });
    return release;
  }

  describe(request: SimRequest): string {
    if (request.path === OAUTH_PATH) return 'oauthAccessToken';
    const body = (request.body ?? {}) as GraphqlBody;
    if (typeof body.operationName === 'string') return body.operationName;
    const match = typeof body.query === 'string' ? /\b(query|mutation)\s+([A-Za-z_]\w*)/.exec(body.query) : null;
    return match?.[2] ?? 'anonymous';
  }

  faultResponse(kind: typeof FaultKind.ERROR | typeof FaultKind.THROTTLE): SimResponse {
    if (kind === 'throttle') return { status: 200, body: throttledBody(0, this.bucket.status()) };
    return { status: 503, body: { errors: 'Service Unavailable' } };
  }

  async handle(request: SimRequest): Promise<SimResponse> {
    if (request.path === OAUTH_PATH && this.oauth) {
      return request.method === 'POST' ? this.oauth.handle(request.body) : { status: 405, body: { errors: 'Method Not Allowed' } };
    }
    const version = PATH.exec(request.path)?.[1];
    if (!version || version !== SIMULATED_API_VERSION) return { status: 404, body: NOT_FOUND_BODY };
    if (!this.authorized(request.headers['x-shopify-access-token'])) return { status: 401, body: INVALID_TOKEN_BODY };
    if (request.method !== 'POST') return { status: 405, body: { errors: 'Method Not Allowed' } };
    const body = (request.body ?? {}) as GraphqlBody;
    if (typeof body.query !== 'string' || body.query.trim() === '') {
      return { status: 400, body: { errors: { query: 'Required parameter missing or invalid' } } };
    }
    const variables = body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : {};
    return { status: 200, body: await this.run(body.query, variables, typeof body.operationName === 'string' ? body.operationName : undefined) };
  }

  /** The custom app's static token, or a live expiring one (an expired token gets the same 401 as a wrong one). */
  private authorized(token: string | string[] | undefined): boolean {
    if (typeof token !== 'string') return false;
    return token === this.accessToken || this.oauth?.check(token) === 'valid';
  }

  private async run(query: string, variables: Record<string, unknown>, operationName: string | undefined): Promise<unknown> {
    const checked = this.checkedDocument(query);
    if ('errors' in checked) return this.errorBody(checked.errors, 0);
    const { document } = checked;
    const operation = pickOperation(document, operationName);
    if (!operation) return this.errorBody([new GraphQLError('An operation name is required when the document has several operations.')], 0);
    let costInput: CostInput;
    let requested: number;
    try {
      const limitErrors = checkArgumentLimits(this.schema, document, variables);
      if (limitErrors.length > 0) return this.errorBody(limitErrors, 0);
      const directiveErrors = this.checkIdempotentDirectives(operation, variables);
      if (directiveErrors.length > 0) return this.errorBody(directiveErrors, 0);
      costInput = { schema: this.schema, operation, fragments: fragmentsOf(document), variables };
      requested = requestedCost(costInput);
    } catch (error) {
      return this.errorBody([error instanceof GraphQLError ? error : new GraphQLError((error as Error).message)], 0);
    }
    if (requested > MAX_QUERY_COST) {
      return {
        errors: [{
          message: `Query cost is ${String(requested)}, which exceeds the single query max cost limit (${String(MAX_QUERY_COST)}).\n\nSee ${RATE_LIMIT_DOCS} for more information, and the queryCost field under the extensions object for the cost of this query.`,
          extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: MAX_QUERY_COST, documentation: RATE_LIMIT_DOCS },
        }],
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: this.bucket.status() } },
      };
    }
    if (!this.bucket.tryTake(requested)) return throttledBody(requested, this.bucket.status());
    const root = operation.operation === 'mutation' ? this.mutationRoot() : { ...queryRoot(this.view), ...ordersRoot(this.orders, this.view.currencyCode) };
    const result: ExecutionResult = await execute({ schema: this.schema, document, rootValue: root, variableValues: variables, operationName });
    const actual = result.errors && !result.data ? 0 : actualCost(costInput, result.data);
    this.bucket.refund(requested - actual);
    return {
      ...(result.errors ? { errors: result.errors.map((error) => error.toJSON()) } : {}),
      ...(result.data !== undefined ? { data: result.data } : {}),
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: this.bucket.status() } },
    };
  }

  private checkedDocument(query: string): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
    let checked = this.documents.get(query);
    if (!checked) {
      try {
        const document = parse(query);
        const errors = validate(this.schema, document);
        checked = errors.length > 0 ? { errors } : { document };
      } catch (error) {
        checked = { errors: [error as GraphQLError] };
      }
      this.documents.set(query, checked);
    }
    return checked;
  }

  /** 2026-04 and later: both inventory mutations must carry `@idempotent` with a non-empty key. */
  private checkIdempotentDirectives(operation: OperationDefinitionNode, variables: Record<string, unknown>): GraphQLError[] {
    if (operation.operation !== 'mutation') return [];
    const directive = this.schema.getDirective('idempotent');
    const errors: GraphQLError[] = [];
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || !IDEMPOTENT_MUTATIONS.has(selection.name.value) || !directive) continue;
      const key = getDirectiveValues(directive, selection, variables)?.key;
      if (key === undefined) {
        errors.push(new GraphQLError(`The @idempotent directive is required for the ${selection.name.value} mutation.`, { nodes: [selection], extensions: { code: 'BAD_REQUEST' } }));
      } else if (typeof key !== 'string' || key.trim() === '') {
        errors.push(new GraphQLError('The idempotency key must not be empty.', { nodes: [selection], extensions: { code: 'BAD_REQUEST' } }));
      }
    }
    return errors;
  }

  private mutationRoot() {
    const run = (name: string, apply: (input: never, now: string, groupId: string) => MutationOutcome) =>
      async (args: Record<string, unknown>, _context: unknown, info: GraphQLResolveInfo) => {
        const key = this.idempotencyKey(info);
        const decision = this.idempotency.begin(key, name, args);
        if (decision.kind === 'mismatch') {
          throw new GraphQLError('The idempotency key was already used with different parameters.', { extensions: { code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH' } });
        }
        if (decision.kind === 'concurrent') {
          throw new GraphQLError('A request with this idempotency key is already in progress.', { extensions: { code: 'IDEMPOTENCY_CONCURRENT_REQUEST' } });
        }
        if (decision.kind === 'replay') return this.payload(decision.result as MutationOutcome);
        try {
          if (this.gate) await this.gate;
          const outcome = apply(args.input as never, new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'), `gid://shopify/InventoryAdjustmentGroup/${String(30_000_000 + ++this.groupSeq)}`);
          this.idempotency.finish(key, outcome);
          this.deliverLevelChanges(outcome);
          return this.payload(outcome);
        } catch (error) {
          this.idempotency.abandon(key);
          throw error;
        }
      };
    const catalog = this.view.catalog;
    return {
      inventorySetQuantities: run('inventorySetQuantities', (input, now, id) => setQuantities(catalog, input, now, id)),
      inventoryAdjustQuantities: run('inventoryAdjustQuantities', (input, now, id) => adjustQuantities(catalog, input, now, id)),
      webhookSubscriptionCreate: (args: { topic: string; webhookSubscription: { uri?: string | null; format?: string | null } }) => {
        const now = new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
        if (!args.webhookSubscription.uri) return { webhookSubscription: null, userErrors: [{ field: ['webhookSubscription', 'uri'], message: 'Uri can\'t be blank' }] };
        return this.webhooks.create({ topic: args.topic, webhookSubscription: { uri: args.webhookSubscription.uri, format: args.webhookSubscription.format ?? null } }, now);
      },
    };
  }

  /** Every level whose `available` changed is delivered to the `inventory_levels/update` subscribers. */
  private deliverLevelChanges(outcome: MutationOutcome): void {
    const changes = outcome.inventoryAdjustmentGroup?.changes ?? [];
    for (const change of changes) {
      if (change.name === 'available') this.webhooks.levelChanged(this.view.catalog, change.itemId, change.locationId);
    }
  }

  /** A demo sale: one unit of a stocked, tracked item leaves `available` for `committed` (an order). */
  sellOne(pick: (count: number) => number): void {
    const variants = this.view.catalog.variantOrder;
    for (let tries = 0; tries < 20; tries++) {
      const variant = variants[pick(variants.length)];
      const item = variant ? this.view.catalog.items.get(variant.inventoryItemId) : undefined;
      if (!item?.tracked) continue;
      const levels = [...item.levels.values()].filter((level) => level.available > 0);
      const level = levels[pick(levels.length)];
      if (!level) continue;
      level.available -= 1;
      level.committed += 1;
      level.updatedAt = new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      this.webhooks.levelChanged(this.view.catalog, item.id, level.locationId);
      return;
    }
  }

  private payload(outcome: MutationOutcome) {
    return {
      inventoryAdjustmentGroup: outcome.inventoryAdjustmentGroup ? groupView(this.view, outcome.inventoryAdjustmentGroup) : null,
      userErrors: outcome.userErrors,
    };
  }

  private idempotencyKey(info: GraphQLResolveInfo): string {
    const directive = this.schema.getDirective('idempotent');
    const node = info.fieldNodes[0] as FieldNode;
    const key = directive ? getDirectiveValues(directive, node, info.variableValues)?.key : undefined;
    return typeof key === 'string' ? key : '';
  }

  private errorBody(errors: readonly GraphQLError[], requested: number): unknown {
    return {
      errors: errors.map((error) => error.toJSON()),
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: 0, throttleStatus: this.bucket.status() } },
    };
  }
}

/** Shopify's THROTTLED answer: HTTP 200, `errors[0].extensions.code` THROTTLED, `actualQueryCost: null`. */
function throttledBody(requested: number, status: ShopifyThrottleStatus): unknown {
  return {
    errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: RATE_LIMIT_DOCS } }],
    extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: status } },
  };
}

function pickOperation(document: DocumentNode, name: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (name) return operations.find((operation) => operation.name?.value === name);
  return operations.length === 1 ? operations[0] : undefined;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}
