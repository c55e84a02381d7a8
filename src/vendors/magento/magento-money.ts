/**
 * Magento sends `price` as a JSON number (decimal(20,6) in the database) and decimal custom
 * attributes such as `cost` as strings ("12.500000"). Both become decimal strings here with
 * string math only: a JSON number's shortest round-trip text (`String(19.99)` is "19.99") is the
 * decimal Magento wrote, so nothing is ever multiplied or rounded as a binary float.
 * Trailing zeros are trimmed down to the currency's minor-unit digits ("25" → "25.00",
 * "12.500000" → "12.50", "12.3456" stays "12.3456": extra precision is kept, never rounded).
 */
export function decimalAmount(raw: number | string, currencyCode: string): string | null {
  const text = typeof raw === 'number' ? numberToPlainDecimal(raw) : raw.trim();
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return null;
  const sign = match[1] ?? '';
  const whole = (match[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const minDigits = minorUnitDigits(currencyCode);
  let fraction = (match[3] ?? '').replace(/0+$/, '');
  if (fraction.length < minDigits) fraction = fraction.padEnd(minDigits, '0');
  const isZero = /^0*$/.test(whole + fraction);
  return `${isZero ? '' : sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Digits after the decimal point for a currency (USD 2, JPY 0, BHD 3), from ICU data. */
export function minorUnitDigits(currencyCode: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: currencyCode }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** A finite JS number as plain decimal text (expands exponent forms like 1e-7 or 1e+21). */
function numberToPlainDecimal(value: number): string {
  if (!Number.isFinite(value)) return 'NaN';
  const text = String(value);
  const exp = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exp) return text;
  const [, sign = '', lead = '', tail = '', power = '0'] = exp;
  const digits = lead + tail;
  const point = 1 + Number(power);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
