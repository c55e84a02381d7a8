import pino from 'pino';
import { startDemoSandbox } from '../src/sandbox/start-demo-sandbox.ts';
import { buildServices } from '../src/server/start-gateway.ts';
