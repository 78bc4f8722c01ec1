/**
 * Shared handler plumbing: the context a handler gets, result helpers, typed access
 * to validated parameters, and the state operations many endpoints share.
 */
import type { LogInput } from '../activity-log';
import type { EndpointSpec } from '../contract-schema';
import { alertError } from '../problem';
import type {
	ActivityLog,
	BillingAttempt,
	Contract,
	Customer,
	Interval,
	Line,
	Product,
	SandboxState,
	Variant,
} from '../state';
import { addInterval, iso, newLineId, queuedAttempt } from '../state';
import type { ParamValue, ParsedParams, Paging } from '../validate';

export type HandlerResult =
	| { kind: 'json'; body: unknown; status?: number; headers?: Record<string, string> }
	| { kind: 'text'; body: string; status?: number; headers?: Record<string, string> }
	| { kind: 'empty'; status?: number; headers?: Record<string, string> };

export interface HandlerContext {
	state: SandboxState;
	endpoint: EndpointSpec;
	args: Args;
	/** Validated query values (typed), for handlers that interpret whole filter sets. */
	query: ParsedParams;
	paging: Paging | undefined;
	body: unknown;
	nowMs: number;
	/** How long a bulk automation counts as running. */
	bulkJobMs: number;
	baseUrl: string;
	pathname: string;
	rawQuery: string;
	log(input: LogInput): ActivityLog;
}

export type Handler = (ctx: HandlerContext) => HandlerResult;

export function json(body: unknown, status?: number, headers?: Record<string, string>): HandlerResult {
	return { kind: 'json', body, status, headers };
}

export function text(body: string, status?: number): HandlerResult {
	return { kind: 'text', body, status };
}

export function empty(status?: number, headers?: Record<string, string>): HandlerResult {
	return { kind: 'empty', status, headers };
}

/** Typed access to validated path, query and header values. */
export class Args {
	constructor(private readonly values: ParsedParams) {}

	has(name: string): boolean {
		return this.values[name] !== undefined;
	}

	private get(name: string): ParamValue | ParamValue[] | undefined {
		return this.values[name];
	}

	int(name: string): number {
		const v = this.get(name);
		if (typeof v !== 'number') throw new Error(`parameter ${name} is not a number`);
		return v;
	}

	optInt(name: string): number | undefined {
		const v = this.get(name);
		return typeof v === 'number' ? v : undefined;
	}

	num(name: string): number {
		return this.int(name);
	}

	optNum(name: string): number | undefined {
		return this.optInt(name);
	}

	str(name: string): string {
		const v = this.get(name);
		if (typeof v !== 'string') throw new Error(`parameter ${name} is not a string`);
		return v;
	}

	optStr(name: string): string | undefined {
		const v = this.get(name);
		return typeof v === 'string' ? v : undefined;
	}

	bool(name: string, fallback: boolean): boolean {
		const v = this.get(name);
		return typeof v === 'boolean' ? v : fallback;
	}

	list(name: string): ParamValue[] | undefined {
		const v = this.get(name);
		if (v === undefined) return undefined;
		return Array.isArray(v) ? v : [v];
	}

	numbers(name: string): number[] {
		return (this.list(name) ?? []).map(Number);
	}

	strings(name: string): string[] {
		return (this.list(name) ?? []).map(String);
	}
}

// ------------------------------------------------------------------ lookups

export function findContract(state: SandboxState, contractId: number): Contract {
	const c = state.contracts.find((x) => x.contractId === contractId && !x.hidden);
	if (!c) throw alertError('Contract not found', 'subscriptionContractDetails', 'contractnotfound');
	return c;
}

export function findCustomer(state: SandboxState, customerId: number): Customer {
	const c = state.customers.find((x) => x.id === customerId);
	if (!c) throw alertError('Customer not found', 'customer', 'customernotfound');
	return c;
}

export function customerByEmail(state: SandboxState, email: string): Customer | undefined {
	return state.customers.find((c) => c.email.toLowerCase() === email.toLowerCase());
}

export function requireLine(contract: Contract, lineId: string): Line {
	const line = contract.lines.find((l) => l.id === lineId);
	if (!line) throw alertError(`Line item ${lineId} not found in contract ${contract.contractId}`, 'subscriptionContractDetails', 'linenotfound');
	return line;
}

/** A variant by numeric id or ProductVariant gid. */
export function findVariant(state: SandboxState, ref: string | number): { product: Product; variant: Variant } {
	const id = typeof ref === 'number' ? ref : Number(String(ref).split('/').pop());
	for (const product of state.products) {
		const variant = product.variants.find((v) => v.id === id);
		if (variant) return { product, variant };
	}
	throw alertError(`Product variant ${ref} not found`, 'productVariant', 'variantnotfound');
}

export function requireMutable(contract: Contract): void {
	if (contract.status === 'cancelled') {
		throw alertError('Cannot update a cancelled subscription contract', 'subscriptionContractDetails', 'contractcancelled');
	}
}

export function touch(contract: Contract, nowMs: number): void {
	contract.updatedAt = iso(nowMs);
}

// ------------------------------------------------------------------ billing queue

export function queuedOf(state: SandboxState, contractId: number): BillingAttempt[] {
	return state.billingAttempts
		.filter((a) => a.contractId === contractId && a.status === 'QUEUED')
		.sort((a, b) => Date.parse(a.billingDate) - Date.parse(b.billingDate) || a.id - b.id);
}

/**
 * Keeps the invariant for active contracts: at least one QUEUED attempt, and
 * `nextBillingDate` = the earliest QUEUED billing date.
 */
export function syncQueue(state: SandboxState, contract: Contract, nowMs: number): void {
	if (contract.status !== 'active') return;
	let queue = queuedOf(state, contract.contractId);
	if (queue.length === 0) {
		const last = state.billingAttempts
			.filter((a) => a.contractId === contract.contractId)
			.reduce((max, a) => Math.max(max, Date.parse(a.billingDate)), 0);
		let at = Math.max(Date.parse(contract.nextBillingDate), last > 0 ? addInterval(last, contract.billingInterval, contract.billingIntervalCount) : 0);
		while (at <= nowMs) at = addInterval(at, contract.billingInterval, contract.billingIntervalCount);
		state.billingAttempts.push(queuedAttempt(state.counters, contract, at));
		queue = queuedOf(state, contract.contractId);
	}
	contract.nextBillingDate = queue[0].billingDate;
}

/** Reschedules every QUEUED attempt after the first one on the contract's billing interval. */
export function respaceQueue(state: SandboxState, contract: Contract): void {
	const queue = queuedOf(state, contract.contractId);
	if (queue.length === 0) return;
	let at = Date.parse(queue[0].billingDate);
	for (const a of queue.slice(1)) {
		at = addInterval(at, contract.billingInterval, contract.billingIntervalCount);
		a.billingDate = iso(at);
	}
}

export function dropQueue(state: SandboxState, contractId: number): void {
	const dropped = new Set(state.billingAttempts.filter((a) => a.contractId === contractId && a.status === 'QUEUED').map((a) => a.id));
	state.billingAttempts = state.billingAttempts.filter((a) => !dropped.has(a.id));
	state.oneOffs = state.oneOffs.filter((o) => !dropped.has(o.billingAttemptId));
}

export function newLine(
	state: SandboxState,
	contract: Contract,
	product: Product,
	variant: Variant,
	quantity: number,
	price?: number,
): Line {
	const template = contract.lines[0];
	return {
		id: newLineId(state),
		productId: product.id,
		variantId: variant.id,
		title: product.title,
		variantTitle: variant.title,
		sku: variant.sku,
		quantity,
		basePrice: price ?? variant.price,
		price: price ?? variant.price,
		sellingPlanId: template?.sellingPlanId ?? null,
		sellingPlanName: template?.sellingPlanName ?? null,
		customAttributes: [],
		cycleDiscounts: [],
		image: product.image,
	};
}

export function setStatus(state: SandboxState, contract: Contract, status: Contract['status'], nowMs: number): void {
	contract.status = status;
	touch(contract, nowMs);
	if (status === 'active') {
		contract.activatedOn = iso(nowMs);
		contract.pausedOn = null;
		if (Date.parse(contract.nextBillingDate) <= nowMs) {
			let at = Date.parse(contract.nextBillingDate);
			while (at <= nowMs) at = addInterval(at, contract.billingInterval, contract.billingIntervalCount);
			contract.nextBillingDate = iso(at);
			for (const a of queuedOf(state, contract.contractId)) if (Date.parse(a.billingDate) <= nowMs) a.status = 'SKIPPED';
		}
		syncQueue(state, contract, nowMs);
	} else if (status === 'paused') {
		contract.pausedOn = iso(nowMs);
	} else {
		contract.cancelledOn = iso(nowMs);
		dropQueue(state, contract.contractId);
	}
}

export const INTERVAL_DAYS: Record<Interval, number> = { DAY: 1, WEEK: 7, MONTH: 30, YEAR: 365 };

export function numericId(ref: string | number): number {
	return typeof ref === 'number' ? ref : Number(String(ref).split('/').pop());
}
