/**
 * One valid request per catalog endpoint, on the seeded shop. Each handler group
 * (`handlers/*.ts`) keeps a sample for each of its handlers, right after them, keyed by the
 * catalog's operationId; `sandbox.test.ts` sends every sample and expects the answer
 * `contract.json` documents for that endpoint (status, content type, paging headers).
 */
import type { Contract, SandboxState } from './state';

export type SampleValue = string | number | boolean | Array<string | number>;

/** A request to one endpoint: its path variables, query, JSON body and extra headers. */
export interface SampleRequest {
	path?: Record<string, string | number>;
	query?: Record<string, SampleValue>;
	body?: unknown;
	headers?: Record<string, string>;
}

/** Seeded records the samples refer to, picked from the state (never from the node's code). */
export interface Fixtures {
	s: SandboxState;
	c: Contract;
	c2: Contract;
	lineA: Contract['lines'][number];
	lineB: Contract['lines'][number];
	queuedId: number;
	customerId: number;
	email: string;
	paymentMethodId: string;
	variantId: number;
	variantHandle: string;
	planGid: string;
	planId: number;
}

/** GETs a path under `/api/external/v2` with the API key and returns its JSON, for samples that send back what they read. */
export type ReadJson = (path: string, query?: Record<string, SampleValue>) => Promise<unknown>;

export type Sample = (f: Fixtures, get: ReadJson) => SampleRequest | Promise<SampleRequest>;

/** A handler group's samples, keyed by operationId. */
export type Samples = Record<string, Sample>;

/** An active contract that can be billed, skipped and changed: no discount, a working card, queued and past orders. */
export function activeContract(state: SandboxState, minLines = 1): Contract {
	const failing = new Set(state.customers.filter((c) => c.failingCard).map((c) => c.id));
	const found = state.contracts.find(
		(c) =>
			c.status === 'active' &&
			c.lines.length >= minLines &&
			c.discounts.length === 0 &&
			!failing.has(c.customerId) &&
			state.billingAttempts.some((a) => a.contractId === c.contractId && a.status === 'QUEUED') &&
			state.billingAttempts.some((a) => a.contractId === c.contractId && a.status === 'SUCCESS'),
	);
	if (!found) throw new Error('no suitable active contract in the seed');
	return found;
}

/** An instant `days` from now, to the second, in UTC. */
export function future(days: number): string {
	return new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function fixtures(s: SandboxState): Fixtures {
	const c = activeContract(s, 2);
	const c2 = s.contracts.find((x) => x.status === 'active' && x.contractId !== c.contractId) as Contract;
	const customer = s.customers.find((cu) => cu.id === c.customerId);
	if (!customer) throw new Error('no customer');
	const inContract = new Set(c.lines.map((l) => l.variantId));
	const product = s.products.find((p) => p.variants.every((v) => !inContract.has(v.id)));
	if (!product) throw new Error('no product');
	const queued = s.billingAttempts
		.filter((a) => a.contractId === c.contractId && a.status === 'QUEUED')
		.sort((a, b) => Date.parse(a.billingDate) - Date.parse(b.billingDate))[0];
	const plan = s.subscriptionGroups[1].plans[0];
	return {
		s,
		c,
		c2,
		lineA: c.lines[0],
		lineB: c.lines[1],
		queuedId: queued.id,
		customerId: customer.id,
		email: customer.email,
		paymentMethodId: customer.paymentMethods[0].id,
		variantId: product.variants[0].id,
		variantHandle: product.handle,
		planGid: plan.id,
		planId: Number(plan.id.split('/').pop()),
	};
}
