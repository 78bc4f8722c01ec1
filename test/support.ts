import type { IDataObject } from 'n8n-workflow';

import { RETRY_POLICY } from '../nodes/Appstle/transport';
import type { CredentialsFixture } from './harness';
import { SandboxAdmin } from './sandbox/client';
import { startSandbox, type Sandbox, type SandboxOptions } from './sandbox/server';

export interface TestSandbox {
	sandbox: Sandbox;
	admin: SandboxAdmin;
	/** The Appstle credential pointing at this sandbox, unpaced unless `overrides` say otherwise. */
	credentials: (overrides?: IDataObject) => CredentialsFixture;
	stop: () => Promise<void>;
}

/**
 * Starts a sandbox on a free port and shortens the transport's back-off (tests check that
 * retries happen, never how long they take); `stop` restores both.
 */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
	const saved = { ...RETRY_POLICY };
	Object.assign(RETRY_POLICY, {
		rateLimitBaseDelayMs: 5,
		serverErrorBaseDelayMs: 5,
		maxDelayMs: 20,
		maxRetryAfterMs: 1_000,
		timeoutMs: 10_000,
	});
	const sandbox = await startSandbox({ port: 0, ...options });
	return {
		sandbox,
		admin: new SandboxAdmin(sandbox.url),
		credentials: (overrides = {}) => ({
			appstleApi: {
				apiKey: sandbox.apiKey,
				environment: 'custom',
				baseUrl: sandbox.url,
				requestsPerSecond: 1000,
				burst: 1000,
				...overrides,
			},
		}),
		stop: async () => {
			Object.assign(RETRY_POLICY, saved);
			await sandbox.close();
		},
	};
}
