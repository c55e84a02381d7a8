import { describe, expect, it } from 'vitest';
import { describeMagentoError, substitute } from './magento-errors.ts';

describe('describeMagentoError', () => {
  it('fills named placeholders from the parameters object (real 401 body)', () => {
    const body = { message: "The consumer isn't authorized to access %resources.", parameters: { resources: 'Magento_Catalog::products' } };
    expect(describeMagentoError(401, body)).toBe("HTTP 401: The consumer isn't authorized to access Magento_Catalog::products.");
  });

  it('fills positional placeholders from a parameters array', () => {
    expect(substitute('Invalid attribute name: %1', ['foo'])).toBe('Invalid attribute name: foo');
  });

  it('appends the nested errors list of a validation failure and drops the trace', () => {
    const body = {
      message: 'Validation Failed',
      errors: [{ message: '"%field" can not be empty.', parameters: { field: 'source_code' } }],
      trace: '#0 /var/www/html/vendor/magento/...',
    };
    expect(describeMagentoError(400, body)).toBe('HTTP 400: Validation Failed ("source_code" can not be empty.)');
  });

  it('leaves unknown placeholders as written and ignores bodies that are not Magento errors', () => {
    expect(substitute('Maximum SearchCriteria pageSize is %max', {})).toBe('Maximum SearchCriteria pageSize is %max');
    expect(describeMagentoError(502, '<html>Bad gateway</html>')).toBeUndefined();
  });
});
