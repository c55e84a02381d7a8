/**
 * Sums of decimal strings without binary floats: each amount is scaled to an integer (BigInt)
 * at the largest number of decimals seen, so "0.10" + "0.20" is exactly "0.30".
 */
export function addDecimals(a: string, b: string): string {
  const scale = Math.max(decimals(a), decimals(b));
  return format(toScaled(a, scale) + toScaled(b, scale), scale);
}

function decimals(amount: string): number {
  return amount.split('.')[1]?.length ?? 0;
}

function toScaled(amount: string, scale: number): bigint {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = amount.replace(/^[-+]/, '').split('.');
  const value = BigInt(whole || '0') * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
  return negative ? -value : value;
}

function format(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}
