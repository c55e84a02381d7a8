/**
 * Money amounts from a custom vendor's JSON as decimal strings, never through float arithmetic.
 * A JSON number is rendered from its shortest round-trip form (`String(12.5)` is "12.5", which is
 * exactly what the vendor wrote), with exponent notation expanded by moving digits, not by math.
 */
const DECIMAL = /^-?\d+(\.\d+)?$/;

export type AmountFormat = 'decimal' | 'minorUnits';

/** The decimal string of `raw`, or null when it is not an amount (the caller names the field). */
export function toDecimalAmount(raw: unknown, format: AmountFormat, minorUnitDigits: number): string | null {
  const text = amountText(raw);
  if (text === null) return null;
  if (format === 'decimal') return text;
  if (text.includes('.')) return null; // minor units are integers
  return shiftDecimalPoint(text, -minorUnitDigits);
}

function amountText(raw: unknown): string | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? expandExponent(String(raw)) : null;
  if (typeof raw !== 'string') return null;
  const text = raw.trim().replace(/^\+/, '');
  return DECIMAL.test(text) ? text : null;
}

/** "1.5e-7" → "0.00000015", "1e+21" → "1000000000000000000000". */
function expandExponent(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  return `${sign}${shiftDecimalPoint(`${whole}${fraction ? `.${fraction}` : ''}`, Number(exponent))}`;
}

/** Moves the decimal point of an unsigned-or-signed decimal string by `places` (negative: left). */
export function shiftDecimalPoint(text: string, places: number): string {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const digits = `${whole}${fraction}`;
  const point = whole.length + places;
  const padded = point <= 0 ? `${'0'.repeat(1 - point)}${digits}` : digits.padEnd(point, '0');
  const at = Math.max(point, 1);
  const intPart = padded.slice(0, at).replace(/^0+(?=\d)/, '');
  const fracPart = padded.slice(at);
  const result = fracPart ? `${intPart}.${fracPart}` : intPart;
  return negative && /[1-9]/.test(result) ? `-${result}` : result;
}
