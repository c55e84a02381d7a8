import { describe, expect, it } from 'vitest';
import type { PurchaseOrderRecord } from '../store/purchase-order-record.ts';
import { purchaseOrderCsv } from './purchase-order-csv.ts';

const order: PurchaseOrderRecord = {
  id: 'PO-1',
  supplierId: 'acme',
  status: 'SUBMITTED',
  vendorIds: ['w'],
  lines: [
    { sku: 'SG-1000', quantity: 12, received: 0, unitCost: { amount: '4.50', currencyCode: 'USD' } },
    { sku: '=HYPERLINK("x")', quantity: 1, received: 1, unitCost: null },
  ],
  createdAt: 0,
  submittedAt: 0,
  expectedAt: null,
  receivedAt: null,
  cancelledAt: null,
  deliveries: [],
  sequence: 1,
};

describe('purchase order CSV', () => {
  it('writes one RFC 4180 row per line, quoting what needs it and defusing spreadsheet formulas', () => {
    expect(purchaseOrderCsv(order, 'ACME, Inc.')).toBe(
      'purchase_order,supplier_id,supplier,sku,quantity,received,unit_cost,currency\r\n' +
        'PO-1,acme,"ACME, Inc.",SG-1000,12,0,4.50,USD\r\n' +
        'PO-1,acme,"ACME, Inc.","\'=HYPERLINK(""x"")",1,1,,\r\n',
    );
  });
});
