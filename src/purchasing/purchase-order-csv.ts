import type { PurchaseOrderRecord } from '../store/purchase-order-record.ts';

/**
 * One order as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line
 * break). A cell that a spreadsheet would run as a formula (starting with = + - @ or a tab) is
 * prefixed with a quote, so a SKU cannot become a formula in the supplier's spreadsheet.
 */
export function purchaseOrderCsv(order: PurchaseOrderRecord, supplierName: string): string {
  const header = ['purchase_order', 'supplier_id', 'supplier', 'sku', 'quantity', 'received', 'unit_cost', 'currency'];
  const rows = order.lines.map((line) => [order.id, order.supplierId, supplierName, line.sku, String(line.quantity), String(line.received), line.unitCost?.amount ?? '', line.unitCost?.currencyCode ?? '']);
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
