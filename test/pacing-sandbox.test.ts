/**
 * The pacing gate in real workflow runs against the sandbox's Appstle-shaped limiter. A file of
 * its own: the gate is per key per process, so no other test's learned rate leaks in here.
 */
import { executeNode } from './harness';
import { byId } from './operations/types';
import { startTestSandbox, type TestSandbox } from './support';

const V2 = '/api/external/v2';
const ROUTE = `${V2}/subscription-contracts-update-order-note/{contractId}`;

let env: TestSandbox;

beforeAll(async () => {
	env = await startTestSandbox({ apiKey: 'apst_pacing_sandbox_key' });
});

afterAll(async () => {
	await env?.stop();
});

beforeEach(async () => {
	await env.admin.reset();
});

afterEach(async () => {
	await env.admin.setRateLimit(false);
});

it('several concurrent executions on one key share its cooldowns and finish with no failed item', async () => {
	// A tight limiter without Retry-After and a ceiling 50 % above it: 429s are certain, failed items are not allowed.
	await env.admin.setRateLimit({ ratePerSecond: 20, burst: 4, cooldownMs: 300, retryAfter: false });
	const contracts = env.sandbox.state.contracts.filter((c) => c.status === 'active').slice(0, 10);
	const run = (n: number) =>
		executeNode({
			parameters: { resource: 'subscription', operation: 'updateOrderNote', contractId: byId('={{ $json.id }}'), orderNote: `run ${n}` },
			input: contracts.map((c) => ({ id: String(c.contractId) })),
			credentials: env.credentials({ requestsPerSecond: 30, burst: 4 }),
		});
	const results = await Promise.all([run(1), run(2), run(3)]);
	for (const result of results) {
		expect(result.error?.message ?? '').toBe('');
		expect(result.output).toHaveLength(contracts.length);
		expect(result.output.every((item) => item.json.success === true)).toBe(true);
	}
	const log = await env.admin.requests({ route: ROUTE });
	const statuses = log.map((r) => r.status);
	expect(statuses.filter((s) => s === 200)).toHaveLength(3 * contracts.length);
	expect(statuses).toContain(429);
	// Every note arrived: each contract carries one of the three runs' notes.
	for (const c of contracts) {
		const stored = (await env.admin.state('contracts', c.contractId)) as { orderNote?: string };
		expect(stored.orderNote).toMatch(/^run [123]$/);
	}
});
