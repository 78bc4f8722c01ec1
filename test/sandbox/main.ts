/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
/**
 * `npm run sandbox`: runs the Appstle sandbox until SIGINT / SIGTERM.
 *
 * Environment:
 *   APPSTLE_SANDBOX_PORT        port (default 8787)
 *   APPSTLE_SANDBOX_API_KEY     API key (default sandbox-key)
 *   APPSTLE_SANDBOX_RATE_LIMIT  'off' disables rate limiting (default on: 4 req/s, burst 10, cooldown 10 s)
 *   APPSTLE_SANDBOX_SEED        seed of the generated shop (optional)
 *   APPSTLE_SANDBOX_NOW         the instant the shop is seeded at, ISO-8601 (default: when it starts); the
 *                               shop is the same at any instant, shifted in time
 */
import { startSandbox } from './server';

async function main(): Promise<void> {
	const port = Number(process.env.APPSTLE_SANDBOX_PORT ?? 8787);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid APPSTLE_SANDBOX_PORT: ${process.env.APPSTLE_SANDBOX_PORT}`);
	const seedEnv = process.env.APPSTLE_SANDBOX_SEED;
	const nowEnv = process.env.APPSTLE_SANDBOX_NOW;
	if (nowEnv && Number.isNaN(Date.parse(nowEnv))) throw new Error(`invalid APPSTLE_SANDBOX_NOW: ${nowEnv}`);
	const rateLimitOff = (process.env.APPSTLE_SANDBOX_RATE_LIMIT ?? '').toLowerCase() === 'off';
	const sandbox = await startSandbox({
		port,
		apiKey: process.env.APPSTLE_SANDBOX_API_KEY || 'sandbox-key',
		seed: seedEnv ? Number(seedEnv) : undefined,
		now: nowEnv || undefined,
		rateLimit: rateLimitOff ? false : { ratePerSecond: 4, burst: 10, cooldownMs: 10_000, retryAfter: true },
	});
	const lines = [
		'Appstle sandbox listening',
		`  url:        ${sandbox.url}`,
		`  API base:   ${sandbox.url}/api/external/v2`,
		`  API key:    ${sandbox.apiKey}`,
		`  rate limit: ${rateLimitOff ? 'off' : '4 req/s, burst 10, cooldown 10 s (Retry-After sent)'}`,
		`  admin:      ${sandbox.url}/__sandbox`,
		'',
	];
	process.stdout.write(lines.join('\n'));
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${signal}: stopping sandbox\n`);
		sandbox.close().then(
			() => process.exit(0),
			(err: unknown) => {
				process.stderr.write(`error while stopping: ${String(err)}\n`);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
	process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
	process.exit(1);
});
