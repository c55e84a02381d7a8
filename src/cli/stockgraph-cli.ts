import { buildCliProgram } from './cli-program.ts';

// Entry point of the `stockgraph` command (bin/stockgraph.js); the commands live in cli-program.ts.
await buildCliProgram().parseAsync(process.argv);
