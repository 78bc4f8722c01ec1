/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: reads the e2e case and workflow files on Node (jest) and is never published; see README, Development. */
/**
 * Counting records in a time window on any date and at any hour.
 *
 * The sandbox seeds its shop relative to an instant (its start, or `now` when pinned), and the
 * weekly digest example asks for the active subscriptions renewing between `$now` and
 * `$now + 7 days`. Both are pinned here to the same instant, on either side of a month's and a
 * year's end, a leap day and both US DST changes (n8n's default zone is America/New_York), and
 * the digest's own node, with its own expressions, must find what the e2e case expects.
 */
import fs from 'node:fs';
import path from 'node:path';

import { Settings } from 'luxon';
import type { INodeParameters } from 'n8n-workflow';

import { executeNode } from './harness';
import { createState, DEFAULT_SEED } from './sandbox/state';
import { startTestSandbox, type TestSandbox } from './support';

const ROOT = path.resolve(__dirname, '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const digestCase = readJson('test/e2e/cases/example-weekly-digest.json');
const digestWorkflow = readJson(digestCase.workflowFile);
const GET_MANY_NODE = 'Get Subscriptions Renewing in 7 Days';
const getMany = digestWorkflow.nodes.find((node: { name: string }) => node.name === GET_MANY_NODE);
const expected = {
	count: digestCase.expect.execute.nodes[GET_MANY_NODE].itemCount as number,
	first: digestCase.expect.execute.nodes[GET_MANY_NODE].first as { subscriptionContractId: number; customerName: string; orderAmount: number },
	revenue: digestCase.expect.execute.nodes['Compose Digest'].items[0].expectedRevenue as number,
};

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const INSTANTS = [
	'2026-12-31T00:30:00.000Z', // last day of a month and a year, early
	'2026-12-31T23:30:00.000Z', // and late: the window crosses into the next year
	'2028-02-29T12:00:00.000Z', // a leap day
	'2027-03-14T06:30:00.000Z', // US clocks go forward that morning
	'2027-11-07T05:30:00.000Z', // and back
];

describe('the seeded shop is the same shop at any instant, shifted in time', () => {
	const fingerprint = (epoch: number) =>
		createState({ seed: DEFAULT_SEED, epoch }).contracts.map((c) => [
			c.contractId,
			c.status,
			c.originOrderName,
			Date.parse(c.nextBillingDate) - epoch,
			c.lines.map((line) => [line.variantId, line.quantity, line.price]),
		]);

	it.each(INSTANTS.slice(1))('%s seeds what 2026-12-31T00:30Z seeds', (instant) => {
		expect(fingerprint(Date.parse(instant))).toEqual(fingerprint(Date.parse(INSTANTS[0])));
	});
});

describe('the weekly digest counts the same renewals at any pinned instant', () => {
	let env: TestSandbox | undefined;
	afterEach(async () => {
		Settings.now = () => Date.now();
		await env?.stop();
		env = undefined;
	});

	it.each(INSTANTS)('at %s', async (instant) => {
		env = await startTestSandbox({ now: instant, rateLimit: false });
		// `$now` in n8n's expressions is luxon's clock: the node computes its window from the
		// same instant the sandbox seeded its shop at.
		Settings.now = () => Date.parse(instant);
		const result = await executeNode({ parameters: getMany.parameters as INodeParameters, credentials: env.credentials() });
		expect(result.error?.message ?? '').toBe('');

		const [request] = (await env.admin.requests()).filter((r) => r.path.endsWith('/subscription-contract-details'));
		const from = Date.parse(String(request.query.fromNextDate));
		const to = Date.parse(String(request.query.toNextDate));
		expect(from).toBe(Date.parse(instant));

		// What the shop holds in the window the node asked for, from the seed at the same instant.
		const renewing = createState({ seed: DEFAULT_SEED, epoch: Date.parse(instant) })
			.contracts.filter((c) => c.status === 'active' && Date.parse(c.nextBillingDate) >= from && Date.parse(c.nextBillingDate) <= to)
			.map((c) => c.contractId)
			.sort((a, b) => a - b);
		const items = result.output.map((item) => item.json as { subscriptionContractId: number; customerName: string; orderAmount: number });
		expect(items.map((item) => item.subscriptionContractId).sort((a, b) => a - b)).toEqual(renewing);

		// 7 days in n8n's zone (America/New_York here) are 7 × 24 hours except across a DST change;
		// the e2e case runs n8n in UTC, where they always are, so it finds exactly this.
		if (to - from === 7 * DAY_MS) {
			expect(items).toHaveLength(expected.count);
			expect(items[0]).toMatchObject(expected.first);
			const revenue = items.reduce((sum, item) => sum + (item.orderAmount ?? 0), 0);
			expect(revenue.toFixed(2)).toBe(expected.revenue.toFixed(2));
		} else {
			expect(Math.abs(to - from - 7 * DAY_MS)).toBe(HOUR_MS);
		}
	});
});
