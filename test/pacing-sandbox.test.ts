/**
 * The pacing gate in real workflow runs against the sandbox's Appstle-shaped limiter. A file of
 * its own: the gate is per key per process, so no other test's learned rate leaks in here.
 */
import { forgetPacing } from '../nodes/Appstle/transport/pacing';
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

describe('Retry-After in real runs', () => {
	const GET_ROUTE = `${V2}/subscription-contracts/contract-external/{contractId}`;
	const getOne = (maxRateLimitWait = 2) => ({
		parameters: { resource: 'subscription', operation: 'get', contractId: byId(String(env.sandbox.state.contracts[0].contractId)) },
		// No answer may close the key for longer than Max Wait (the test credential's 2 s unless said).
		credentials: env.credentials({ maxRateLimitWait }),
	});

	// Each case starts like a fresh n8n: what one case's 429s taught the key's gate stays out of the next.
	beforeEach(() => forgetPacing());

	it.each(['0x10', '1e10', '-5', '1.5', 'soon'])('a malformed Retry-After (%s) is ignored: the first-guess cooldown applies', async (value) => {
		await env.admin.addFault({ path: GET_ROUTE, status: 429, headers: { 'Retry-After': value }, times: 1 });
		// Half a second of Max Wait: read as seconds (16, 1e10, 1.5), the cooldown would not fit and the item would fail.
		const result = await executeNode(getOne(0.5));
		expect(result.error?.message ?? '').toBe('');
		expect((await env.admin.requests({ route: GET_ROUTE })).map((r) => r.status)).toEqual([429, 200]);
	});

	it.each(['99999', 'Fri, 01 Jan 2100 00:00:00 GMT'])('a Retry-After of %s closes the key for Max Wait at most: this and a later execution get through', async (value) => {
		await env.admin.addFault({ path: GET_ROUTE, status: 429, headers: { 'Retry-After': value }, times: 1 });
		const first = await executeNode(getOne());
		expect(first.error?.message ?? '').toBe('');
		const later = await executeNode(getOne());
		expect(later.error?.message ?? '').toBe('');
		expect((await env.admin.requests({ route: GET_ROUTE })).map((r) => r.status)).toEqual([429, 200, 200]);
	});
});
