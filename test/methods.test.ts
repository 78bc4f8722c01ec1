import { runListSearch, runLoadOptions } from './harness';
import { factsFrom } from './operations/facts';
import type { Facts } from './operations/types';
import { startTestSandbox, type TestSandbox } from './support';

/** "From List" locators and dynamic dropdowns, as the editor calls them, against the sandbox. */

let env: TestSandbox;
let facts: Facts;

beforeAll(async () => {
	env = await startTestSandbox();
	facts = factsFrom(env.sandbox.state);
});

afterAll(async () => {
	await env?.stop();
});

const search = (method: string, filter?: string, paginationToken?: string) =>
	runListSearch(method, { filter, paginationToken, credentials: env.credentials() });

describe('subscription locator', () => {
	it('finds a customer’s subscriptions by email, with name and status in each entry', async () => {
		const { results } = await search('searchSubscriptionContracts', facts.customerEmail);
		const ours = env.sandbox.state.contracts.filter((c) => String(c.customerId) === facts.customerId);
		expect(results.map((r) => r.value).sort()).toEqual(ours.map((c) => String(c.contractId)).sort());
		const active = results.find((r) => r.value === facts.activeContractId)!;
		expect(active.name).toBe(`#${facts.activeContractId} · ${facts.customerName} · active`);
	});

	it('finds subscriptions by part of the customer’s name', async () => {
		const lastName = facts.customerName.split(' ').pop()!;
		const { results } = await search('searchSubscriptionContracts', lastName.toLowerCase());
		expect(results.map((r) => r.value)).toContain(facts.activeContractId);
	});

	it('narrows by a status word, alone or with a name', async () => {
		const paused = await search('searchSubscriptionContracts', 'paused');
		const expected = env.sandbox.state.contracts.filter((c) => c.status === 'paused');
		expect(paused.results.length).toBe(Math.min(50, expected.length));
		for (const result of paused.results) expect(result.name).toMatch(/ · paused$/);

		const lastName = facts.customerName.split(' ').pop()!;
		const activeOfCustomer = await search('searchSubscriptionContracts', `${lastName} Active`);
		expect(activeOfCustomer.results.map((r) => r.value)).toContain(facts.activeContractId);
		for (const result of activeOfCustomer.results) expect(result.name).toMatch(/ · active$/);
	});

	it('finds a subscription by its ID', async () => {
		const { results } = await search('searchSubscriptionContracts', facts.activeContractId);
		expect(results.map((r) => r.value)).toEqual([facts.activeContractId]);
	});

	it('pages through all subscriptions with the pagination token', async () => {
		const seen: string[] = [];
		let token: string | undefined;
		do {
			const page = await search('searchSubscriptionContracts', undefined, token);
			seen.push(...page.results.map((r) => String(r.value)));
			token = page.paginationToken as string | undefined;
		} while (token);
		expect(seen).toHaveLength(facts.contractCount);
		expect(new Set(seen).size).toBe(facts.contractCount);
	});
});

describe('customer locator', () => {
	it('finds a customer by email and by name', async () => {
		const byEmail = await search('searchCustomers', facts.customerEmail);
		expect(byEmail.results).toEqual([{ name: `${facts.customerName} (${facts.customerEmail})`, value: facts.customerId }]);
		const byName = await search('searchCustomers', facts.customerName.split(' ')[0]);
		expect(byName.results.map((r) => r.value)).toContain(facts.customerId);
	});
});

describe('subscription plan locator', () => {
	it('filters the plan groups by name', async () => {
		const group = env.sandbox.state.subscriptionGroups[1];
		const { results } = await search('searchSubscriptionGroups', group.groupName.slice(2, 8).toUpperCase());
		expect(results).toContainEqual({ name: group.groupName, value: String(group.id) });
		const all = await search('searchSubscriptionGroups');
		expect(all.results).toHaveLength(env.sandbox.state.subscriptionGroups.length);
	});
});

describe('selling plan dropdown', () => {
	it('lists every selling plan with its numeric ID and frequency', async () => {
		const options = await runLoadOptions('sellingPlans', { credentials: env.credentials() });
		const plans = env.sandbox.state.subscriptionGroups.flatMap((g) => g.plans);
		expect(options).toHaveLength(plans.length);
		expect(options.map((o) => o.value)).toContain(facts.sellingPlanId);
		for (const option of options) expect(String(option.value)).toMatch(/^\d+$/);
		expect(options.find((o) => o.value === facts.sellingPlanId)!.name).toMatch(/\(every \d+ (day|week|month|year)\)$/);
	});
});
