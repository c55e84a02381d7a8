import { describe, expect, it } from 'vitest';
import { publicMessage, vendorErrorOf } from './tool-errors.ts';

describe('tool error text', () => {
  it('blanks URLs, IP addresses and the configured vendor hosts', () => {
    const hosts = ['shop.example.com:8443', 'shop.example.com'];
    expect(publicMessage('acme-woo failed at https://shop.example.com:8443/wp-json/wc/v3/products?page=2', hosts)).toBe('acme-woo failed at [url]');
    expect(publicMessage('connect ECONNREFUSED 127.0.0.1:5001', hosts)).toBe('connect ECONNREFUSED [host]');
    expect(publicMessage('shop.example.com answered 502', hosts)).toBe('[host] answered 502');
    expect(publicMessage('acme-woo did not answer in time', hosts)).toBe('acme-woo did not answer in time');
  });

  it('keeps the code, vendor and retryability of a formatted GraphQL error', () => {
    const error = { message: 'demo-woo could not be reached', extensions: { code: 'VENDOR_UNAVAILABLE', vendorId: 'demo-woo', retryable: true } };
    expect(vendorErrorOf(error, [])).toEqual({ code: 'VENDOR_UNAVAILABLE', message: 'demo-woo could not be reached', vendorId: 'demo-woo', retryable: true });
    expect(vendorErrorOf({ message: 'boom' }, [])).toEqual({ code: 'INTERNAL_SERVER_ERROR', message: 'boom', vendorId: null, retryable: false });
  });
});
