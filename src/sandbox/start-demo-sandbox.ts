import type { GatewayConfig } from '../config/config-schema.ts';

export interface DemoSandbox {
  readonly config: GatewayConfig;
  close(): Promise<void>;
}

/** Starts every vendor simulator on a free loopback port and configures the gateway against them. */
export async function startDemoSandbox(_env: NodeJS.ProcessEnv): Promise<DemoSandbox> {
  throw new Error('demo mode needs the vendor simulators (not merged yet)');
}
