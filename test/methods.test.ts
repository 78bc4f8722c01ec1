import type { INodeParameters } from 'n8n-workflow';

import { Appstle } from '../nodes/Appstle/Appstle.node';
import * as listSearch from '../nodes/Appstle/methods/listSearch';
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

/** A search as the editor runs it with the node's current parameters (a dependent picker reads them). */
const searchWith = (method: string, parameters: INodeParameters, filter?: string, paginationToken?: string) =>
	runListSearch(method, { filter, paginationToken, parameters, credentials: env.credentials() });

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dayMonthYear = (iso: string) => {
	const d = new Date(iso);
	return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};
const picked = (value: string) => ({ __rl: true, mode: 'list', value });
const contractOf = (id: string) => env.sandbox.state.contracts.find((c) => String(c.contractId) === id)!;
const lineTitle = (l: { title: string; variantTitle: string }) => (l.variantTitle === 'Default Title' ? l.title : `${l.title} (${l.variantTitle})`);

describe('subscription locator', () => {
	it('finds a customer’s subscriptions by email, with name and status in each entry', async () => {
		const { results } = await search('searchSubscriptionContracts', facts.customerEmail);
		const ours = env.sandbox.state.contracts.filter((c) => String(c.customerId) === facts.customerId);
		expect(results.map((r) => r.value).sort()).toEqual(ours.map((c) => String(c.contractId)).sort());
		const active = results.find((r) => r.value === facts.activeContractId)!;
		const contract = env.sandbox.state.contracts.find((c) => String(c.contractId) === facts.activeContractId)!;
		const first = contract.lines[0];
		const more = contract.lines.length > 1 ? ` +${contract.lines.length - 1} more` : '';
		expect(active.name).toBe(
			`#${facts.activeContractId} · ${facts.customerName} · active · next ${dayMonthYear(contract.nextBillingDate)} · ` +
				`${first.title} (${first.variantTitle}) × ${first.quantity}${more}`,
		);
		// One customer's subscriptions differ in their labels, not only in the ID.
		for (const r of results.filter((x) => !/ · active · /.test(String(x.name)))) expect(r.name).not.toMatch(/ · next /);
		const labels = results.map((r) => String(r.name).replace(/^#\d+ · /, ''));
		expect(new Set(labels).size).toBe(labels.length);
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
		for (const result of paused.results) expect(result.name).toMatch(/ · paused( · |$)/);

		const lastName = facts.customerName.split(' ').pop()!;
		const activeOfCustomer = await search('searchSubscriptionContracts', `${lastName} Active`);
		expect(activeOfCustomer.results.map((r) => r.value)).toContain(facts.activeContractId);
		for (const result of activeOfCustomer.results) expect(result.name).toMatch(/ · active( · |$)/);
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

describe('order locator (upcoming orders of a subscription)', () => {
	const queuedOf = (contractId: string) =>
		env.sandbox.state.billingAttempts
			.filter((a) => String(a.contractId) === contractId && a.status === 'QUEUED')
			.sort((a, b) => Date.parse(a.billingDate) - Date.parse(b.billingDate) || a.id - b.id);

	it('lists the upcoming orders of the Subscription parameter, each with date, status, products and amount', async () => {
		const contract = contractOf(facts.activeContractId);
		const expected = queuedOf(facts.activeContractId);
		expect(expected.length).toBeGreaterThan(0);
		const { results } = await searchWith('searchBillingAttempts', { contractId: picked(facts.activeContractId) });
		expect(results.map((r) => r.value)).toEqual(expected.map((a) => String(a.id)));
		const first = expected[0];
		const total = contract.lines.reduce((sum, l) => sum + l.price * l.quantity, 0) + contract.deliveryPrice;
		const products = contract.lines.length;
		expect(results[0].name).toBe(
			`#${first.id} · ${dayMonthYear(first.billingDate)} · Queued · ${products} product${products === 1 ? '' : 's'} · ${total.toFixed(2)} ${contract.currencyCode}`,
		);
	});

	it('reads the subscription from the parameter, not the search text, and narrows by the text', async () => {
		const other = facts.pausedContractId;
		const expected = queuedOf(facts.activeContractId);
		const date = dayMonthYear(expected[0].billingDate);
		const { results } = await searchWith('searchBillingAttempts', { contractId: facts.activeContractId }, date);
		expect(results.map((r) => r.value)).toEqual(
			expected.filter((a) => dayMonthYear(a.billingDate) === date).map((a) => String(a.id)),
		);
		// The search box holds another subscription's ID: the parameter still decides.
		const withOther = await searchWith('searchBillingAttempts', { contractId: picked(facts.activeContractId) }, other);
		expect(withOther.results).toEqual([]);
	});

	it('reads an optional subscription field in Additional Fields (Unskip) and a GID typed By ID', async () => {
		const expected = queuedOf(facts.activeContractId).map((a) => String(a.id));
		const fromCollection = await searchWith('searchBillingAttempts', {
			additionalFields: { subscriptionContractId: facts.activeContractId },
		});
		expect(fromCollection.results.map((r) => r.value)).toEqual(expected);
		const fromGid = await searchWith('searchBillingAttempts', {
			contractId: { __rl: true, mode: 'id', value: `gid://shopify/SubscriptionContract/${facts.activeContractId}` },
		});
		expect(fromGid.results.map((r) => r.value)).toEqual(expected);
	});

	it('without a subscription parameter, lists the orders of a subscription ID typed in the search; an expression lists nothing', async () => {
		const { results } = await searchWith('searchBillingAttempts', {}, facts.activeContractId);
		expect(results.map((r) => r.value)).toEqual(queuedOf(facts.activeContractId).map((a) => String(a.id)));
		const before = (await env.admin.requests()).length;
		const none = await searchWith('searchBillingAttempts', { contractId: '={{ $json.contractId }}' }, 'coffee');
		expect(none.results).toEqual([]);
		expect((await env.admin.requests()).length).toBe(before);
	});
});

describe('order locator on operations without a Subscription field (Skip, Bill Now, Reschedule)', () => {
	const activeBySoonest = () =>
		env.sandbox.state.contracts
			.filter((c) => c.status === 'active')
			.sort((a, b) => Date.parse(a.nextBillingDate) - Date.parse(b.nextBillingDate) || a.id - b.id);
	const queuedOfAny = (ids: number[]) =>
		env.sandbox.state.billingAttempts
			.filter((a) => ids.includes(a.contractId) && a.status === 'QUEUED')
			.sort((a, b) => Date.parse(a.billingDate) - Date.parse(b.billingDate) || a.id - b.id);

	it('lists the upcoming orders of the five active subscriptions billed soonest, naming customer and subscription', async () => {
		const first = await searchWith('searchBillingAttempts', {});
		const contracts = activeBySoonest().slice(0, 5);
		const expected = queuedOfAny(contracts.map((c) => c.contractId));
		expect(expected.length).toBeGreaterThan(0);
		expect(first.results.map((r) => r.value)).toEqual(expected.map((a) => String(a.id)));
		const order = expected[0];
		const contract = contracts.find((c) => c.contractId === order.contractId)!;
		const customer = env.sandbox.state.customers.find((c) => c.id === contract.customerId)!;
		expect(first.results[0].name).toContain(
			`#${order.id} · ${dayMonthYear(order.billingDate)} · Queued · ${customer.firstName} ${customer.lastName} · subscription #${contract.contractId}`,
		);
		// The next page holds the next five subscriptions' orders.
		expect(first.paginationToken).toBe('1');
		const second = await searchWith('searchBillingAttempts', {}, undefined, first.paginationToken);
		const next = queuedOfAny(activeBySoonest().slice(5, 10).map((c) => c.contractId));
		expect(second.results.map((r) => r.value)).toEqual(next.map((a) => String(a.id)));
	});

	it('a customer’s name in the search lists that customer’s upcoming orders', async () => {
		const { results } = await searchWith('searchBillingAttempts', {}, facts.customerName);
		const ids = activeBySoonest()
			.filter((c) => String(c.customerId) === facts.customerId)
			.slice(0, 5)
			.map((c) => c.contractId);
		expect(ids.length).toBeGreaterThan(0);
		expect(results.map((r) => r.value).sort()).toEqual(queuedOfAny(ids).map((a) => String(a.id)).sort());
		for (const r of results) expect(r.name).toContain(facts.customerName);
	});
});

describe('subscription line locator', () => {
	it('lists the lines of the chosen subscription as product × quantity · price', async () => {
		const contract = contractOf(facts.activeContractId);
		const { results } = await searchWith('searchSubscriptionLines', { contractId: picked(facts.activeContractId) });
		expect(results.map((r) => r.value)).toEqual(contract.lines.map((l) => l.id));
		const line = contract.lines[0];
		const each = line.quantity === 1 ? '' : ' each';
		expect(results[0].name).toBe(`${lineTitle(line)} × ${line.quantity} · ${line.price.toFixed(2)} ${contract.currencyCode}${each}`);
		expect(results.map((r) => r.value)).toContain(facts.lineId);
	});

	it('narrows by product title, and follows the Subscription parameter', async () => {
		const contract = contractOf(facts.activeContractId);
		const second = contract.lines[1] ?? contract.lines[0];
		const { results } = await searchWith('searchSubscriptionLines', { contractId: facts.activeContractId }, second.title.toUpperCase());
		expect(results.map((r) => r.value)).toContain(second.id);
		for (const r of results) expect(String(r.name).toLowerCase()).toContain(second.title.toLowerCase());
		const other = contractOf(facts.pausedContractId);
		const ofOther = await searchWith('searchSubscriptionLines', { contractId: picked(facts.pausedContractId) });
		expect(ofOther.results.map((r) => r.value)).toEqual(other.lines.map((l) => l.id));
	});
});

describe('product variant locator', () => {
	it('puts the chosen subscription’s variants first, named by product, price and ID', async () => {
		const contract = contractOf(facts.activeContractId);
		const { results } = await searchWith('searchProductVariants', { contractId: picked(facts.activeContractId) });
		const own = contract.lines.map((l) => String(l.variantId));
		expect(results.slice(0, own.length).map((r) => r.value)).toEqual([...new Set(own)]);
		const line = contract.lines[0];
		expect(results[0].name).toBe(
			`${lineTitle(line)} · ${line.price.toFixed(2)} ${contract.currencyCode} · on this subscription · ID ${line.variantId}`,
		);
		expect(new Set(results.map((r) => r.value)).size).toBe(results.length);
	});

	it('without a subscription, lists variants of plans and recent subscriptions, searchable by title and ID', async () => {
		const all = await searchWith('searchProductVariants', {});
		expect(all.results.length).toBeGreaterThan(1);
		for (const r of all.results) expect(String(r.value)).toMatch(/^\d+$/);
		const tea = await searchWith('searchProductVariants', {}, 'earl GREY');
		expect(tea.results.length).toBeGreaterThan(0);
		for (const r of tea.results) expect(String(r.name)).toContain('Earl Grey');
		const byId = await searchWith('searchProductVariants', {}, String(all.results[0].value));
		expect(byId.results.map((r) => r.value)).toEqual([all.results[0].value]);
	});

	it('lists a variant a plan group offers, with the group’s name, after it is added to the plan', async () => {
		const product = env.sandbox.state.products.find((p) => p.title === 'Chamomile Herbal Tea')!;
		const variant = product.variants[0];
		const group = env.sandbox.state.subscriptionGroups[0];
		const saved = group.variants;
		group.variants = [...saved, { id: variant.id, title: `${product.title} - ${variant.title}` }];
		try {
			const { results } = await searchWith('searchProductVariants', {}, 'chamomile');
			expect(results).toContainEqual({
				name: `${product.title} - ${variant.title} · plan ${group.groupName} · ID ${variant.id}`,
				value: String(variant.id),
			});
		} finally {
			group.variants = saved;
		}
	});
});

describe('selling plan locator', () => {
	it('lists every selling plan with frequency and plan group, searchable by them', async () => {
		const plans = env.sandbox.state.subscriptionGroups.flatMap((g) => g.plans.map((p) => ({ plan: p, group: g })));
		const { results } = await search('searchSellingPlans');
		expect(results).toHaveLength(plans.length);
		const first = plans.find(({ plan }) => plan.id.endsWith(`/${facts.sellingPlanId}`))!;
		const row = results.find((r) => r.value === facts.sellingPlanId)!;
		expect(row.name).toMatch(new RegExp(`^${first.plan.frequencyName} · (every .+ · )?plan ${first.group.groupName}$`));
		// Every row says how often it bills, once: in its name or after it.
		for (const r of results) {
			expect(String(r.name).toLowerCase()).toMatch(/every (\d+ )?(day|week|month|year)s?/);
			expect(String(r.name).toLowerCase()).not.toMatch(/(every [^·]+) · \1/);
		}
		const group = env.sandbox.state.subscriptionGroups[1];
		const narrowed = await search('searchSellingPlans', group.groupName.toLowerCase());
		expect(narrowed.results.map((r) => r.value).sort()).toEqual(group.plans.map((p) => p.id.split('/').pop()).sort());
	});
});

describe('the editor finds every search the node names', () => {
	it('each "From List" mode names a list search the node has, and each locator kind has one', () => {
		const node = new Appstle();
		const methods = Object.keys(node.methods.listSearch);
		const named = node.description.properties.flatMap((p) =>
			(p.modes ?? []).map((m) => m.typeOptions?.searchListMethod).filter((m): m is string => m !== undefined),
		);
		expect(named.length).toBeGreaterThan(0);
		for (const method of named) expect(methods).toContain(method);
		expect(new Set(named)).toEqual(
			new Set([
				'searchSubscriptionContracts',
				'searchCustomers',
				'searchSubscriptionGroups',
				'searchBillingAttempts',
				'searchSubscriptionLines',
				'searchProductVariants',
				'searchSellingPlans',
			]),
		);
	});

	it('a method name that is not an export of listSearch.ts does not type-check', () => {
		// @ts-expect-error -- the mapping in properties.ts is typed the same way, so a typo fails tsc.
		const typo: keyof typeof listSearch = 'searchSellingPlan';
		expect(typo in listSearch).toBe(false);
	});
});
