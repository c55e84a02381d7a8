/**
 * Magento's error body is `{ message, parameters?, errors?, trace? }` where `message` is a
 * template: named placeholders (`%resources`) take `parameters` as an object, positional ones
 * (`%1`, `%2`) take it as an array. `trace` appears only in developer mode and is never kept.
 */
export function describeMagentoError(status: number, body: unknown): string | undefined {
  if (!isRecord(body) || typeof body.message !== 'string') return undefined;
  const main = substitute(body.message, body.parameters);
  const details = Array.isArray(body.errors)
    ? body.errors
        .filter(isRecord)
        .map((error) => (typeof error.message === 'string' ? substitute(error.message, error.parameters) : ''))
        .filter((text) => text.length > 0)
    : [];
  const text = details.length > 0 ? `${main} (${details.join('; ')})` : main;
  return `HTTP ${status}: ${text}`;
}

/** Fills `%name` / `%1` placeholders; unknown placeholders stay as written. */
export function substitute(template: string, parameters: unknown): string {
  if (Array.isArray(parameters)) {
    return template.replace(/%(\d+)/g, (whole, index: string) => {
      const value: unknown = parameters[Number(index) - 1];
      return value === undefined ? whole : String(value);
    });
  }
  if (isRecord(parameters)) {
    return template.replace(/%([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) => {
      const value = parameters[name];
      return value === undefined ? whole : String(value);
    });
  }
  return template;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
