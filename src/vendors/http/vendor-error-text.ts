/** One field the vendor refused, with its message, as clients may see it. */
export interface VendorFieldError {
  readonly field: string;
  readonly message: string;
}

const MAX_TEXT = 200;
const MAX_FIELDS = 10;

/**
 * Vendor error text made safe for clients and logs: URLs and host names (a vendor may echo its
 * own address or an internal one), e-mail addresses and credential-like strings (Shopify
 * `shpat_…`, WooCommerce `ck_…`/`cs_…`, bearer tokens, long hex or base64 runs) are replaced,
 * whitespace collapsed, the length bounded.
 */
export function sanitizeVendorText(text: string): string {
  const clean = text
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, '<url>')
    .replace(/\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g, '<email>')
    .replace(/\b(shp(at|ca|pa|ss)|ck|cs)_[A-Za-z0-9]+/g, '<secret>')
    .replace(/\bBearer\s+\S+/gi, 'Bearer <secret>')
    .replace(/\b[A-Fa-f0-9]{24,}\b|\b[A-Za-z0-9+/_-]{32,}={0,2}/g, '<secret>')
    .replace(/\b(\d{1,3}\.){3}\d{1,3}(:\d+)?\b/g, '<host>')
    .replace(/\b([a-z0-9-]+\.)+(com|net|org|io|dev|shop|store|app|cloud|local|internal|example|test)(:\d+)?\b/gi, '<host>')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT)}…` : clean;
}

/**
 * The per-field messages of a refused request, from the shapes vendors use:
 * WooCommerce / WordPress `data.params` (`{ field: message }`) and `data.details`
 * (`{ field: { message } }`); Rails-style `errors: { field: message | [messages] }` (Shopify
 * REST); `errors: [{ field | path | param, message }]` lists (JSON:API-ish and custom APIs);
 * Magento `parameters.fieldName` with the substituted message. Sanitized, at most 10.
 */
export function vendorFieldErrors(body: unknown, message?: string): VendorFieldError[] {
  if (!isRecord(body)) return [];
  const found: VendorFieldError[] = [];
  const add = (field: unknown, text: unknown) => {
    if (typeof field === 'string' && field.length > 0 && typeof text === 'string' && text.length > 0) found.push({ field: sanitizeVendorText(field), message: sanitizeVendorText(text) });
  };
  const data = isRecord(body.data) ? body.data : undefined;
  if (isRecord(data?.params)) for (const [field, text] of Object.entries(data.params)) add(field, text);
  if (found.length === 0 && isRecord(data?.details)) for (const [field, detail] of Object.entries(data.details)) add(field, isRecord(detail) ? detail.message : detail);
  const errors = body.errors;
  if (isRecord(errors)) {
    for (const [field, text] of Object.entries(errors)) for (const one of Array.isArray(text) ? text : [text]) add(field, one);
  } else if (Array.isArray(errors)) {
    for (const error of errors) if (isRecord(error)) add(fieldOf(error), error.message);
  }
  if (found.length === 0 && isRecord(body.parameters) && typeof body.parameters.fieldName === 'string') add(body.parameters.fieldName, message);
  return found.slice(0, MAX_FIELDS);
}

function fieldOf(error: Record<string, unknown>): unknown {
  const field = error.field ?? error.path ?? error.param ?? error.parameter;
  return Array.isArray(field) ? field.join('.') : field;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
