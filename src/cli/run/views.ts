import { getSchema } from '../../schema/index.js';
import type { SchemaLookup } from '../../plans/schema.js';

/** The schema lookup the plan renderers use: resource and data source schemas from `schemas/`. */
export const schemaLookup: SchemaLookup = (mode, type) => getSchema(mode === 'managed' ? 'resource' : 'data', type);
