import { z } from 'zod';
import { apiPathSchema, jsonPathSchema, required } from './custom-config-fields.ts';

/**
 * The optional `locations` section of a custom mapping: one GET that lists the vendor's
 * warehouses (no paging: location lists are short), and where each keeps its id, name and
 * (optionally) whether it is active. Without it, a `fields.inventory` of kind `quantity` has its
 * one fixed location and a vendor with per-location stock lists none (levels still name theirs).
 */
export const customLocationsSchema = z
  .object({
    path: required(apiPathSchema, 'the endpoint that lists the locations, below baseUrl, e.g. "/warehouses"'),
    itemsPath: required(jsonPathSchema, 'the dot path of the location array in the body, e.g. "data" ("$" for a bare array)'),
    fields: required(
      z
        .object({
          id: required(jsonPathSchema, 'the dot path of a location\'s id, the same value levels carry, e.g. "code"'),
          name: required(jsonPathSchema, 'the dot path of a location\'s name, e.g. "name"'),
          /** A boolean; absent means every listed location is active. */
          active: jsonPathSchema.optional(),
        })
        .strict(),
      '{ id, name, active? }: dot paths inside one location',
    ),
  })
  .strict();

export type CustomLocationsMapping = z.infer<typeof customLocationsSchema>;
