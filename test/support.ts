import type { IDataObject } from 'n8n-workflow';

import { PACING_POLICY, RETRY_POLICY } from '../nodes/Appstle/transport';
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
 * Starts a sandbox on a free port and shortens the transport's back-off and cooldown guesses (tests check that
 * retries happen, never how long they take); `stop` restores both.
 */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
	const saved = { ...RETRY_POLICY };
	const savedPacing = { ...PACING_POLICY };
	Object.assign(RETRY_POLICY, {
		serverErrorBaseDelayMs: 5,
		maxDelayMs: 20,
		timeoutMs: 10_000,
	});
	// Cooldowns without Retry-After are guessed in milliseconds, not the production 30 s, and the
	// slow start towards a raised ceiling climbs in a few requests, not thousands.
	Object.assign(PACING_POLICY, { initialCooldownMs: 20, maxCooldownMs: 400, probePollMs: 5, climbShare: 1 });
	const sandbox = await startSandbox({ port: 0, ...options });
	return {
		sandbox,
		admin: new SandboxAdmin(sandbox.url),
		credentials: (overrides = {}) => ({
			appstleApi: {
				apiKey: sandbox.apiKey,
				environment: 'custom',
				baseUrl: sandbox.url,
				customRateLimits: true,
				requestsPerSecond: 1000,
				burst: 1000,
				// Seconds, not the production minutes: a test that hits a long cooldown fails fast.
				maxRateLimitWait: 2,
				...overrides,
			},
		}),
		stop: async () => {
			Object.assign(RETRY_POLICY, saved);
			Object.assign(PACING_POLICY, savedPacing);
			await sandbox.close();
		},
	};
}
