#!/usr/bin/env node
// The `stockgraph` command (package.json `bin`). The gateway is TypeScript run by tsx, as `npm start`
// runs it, so this registers tsx's loader and hands over to src/cli/stockgraph-cli.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/stockgraph-cli.ts');
