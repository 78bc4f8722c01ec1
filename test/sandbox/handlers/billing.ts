/**
 * Billing attempt endpoints: upcoming orders (skip, unskip, reschedule, bill now,
 * notes), top orders, past orders and the past-orders report.
 */
import { future, type Samples } from '../samples';
import { alertError, ApiError } from '../problem';
import { pagingHeaders, slicePage, sortBy } from '../paging';
import type { BillingAttempt, Contract } from '../state';
import { iso, variantList } from '../state';
import { attemptDto, contractDetails } from '../views';
import { chargeNow } from './contracts';
import type { Handler, HandlerContext } from './common';
import { customerByEmail, empty, findContract, json, queuedOf, respaceQueue, syncQueue, touch } from './common';

const ATTEMPT = 'subscriptionBillingAttempt';

function loadAttempt(ctx: HandlerContext, id: number): { attempt: BillingAttempt; contract: Contract } {
	const attempt = ctx.state.billingAttempts.find((a) => a.id === id);
	if (!attempt) throw alertError('Invalid id', ATTEMPT, 'idinvalid');
	const contract = findContract(ctx.state, attempt.contractId);
	const expected = ctx.args.optInt('subscriptionContractId');
	if (expected !== undefined && expected !== contract.contractId) {
		throw alertError(`Billing attempt ${id} does not belong to contract ${expected}`, ATTEMPT, 'contractmismatch');
	}
	return { attempt, contract };
}

function requireQueued(attempt: BillingAttempt): void {
	if (attempt.status !== 'QUEUED') {
		throw alertError(`Only QUEUED billing attempts can be changed (this one is ${attempt.status})`, ATTEMPT, 'notqueued');
	}
}

function requireFuture(ctx: HandlerContext, raw: string, what: string): number {
	const at = Date.parse(raw);
	if (at <= ctx.nowMs) throw alertError(`${what} must be in the future`, ATTEMPT, 'invaliddate');
	return at;
}

/** Upcoming attempts carry the products they will order (lines plus one-offs). */
function upcomingDto(ctx: HandlerContext, a: BillingAttempt) {
	const dto = attemptDto(a);
	if (a.status === 'QUEUED' && dto.variantList.length === 0) {
		const c = ctx.state.contracts.find((x) => x.contractId === a.contractId);
		if (c) dto.variantList = variantList(c, ctx.state.products);
	}
	return dto;
}

function skip(ctx: HandlerContext, attempt: BillingAttempt, contract: Contract) {
	if (contract.status !== 'active') throw alertError(`Cannot skip an order of a ${contract.status} contract`, ATTEMPT, 'notactive');
	requireQueued(attempt);
	attempt.status = 'SKIPPED';
	syncQueue(ctx.state, contract, ctx.nowMs);
	touch(contract, ctx.nowMs);
	ctx.log({
		entityId: contract.contractId,
		entityType: 'SUBSCRIPTION_BILLING_ATTEMPT',
		eventType: 'BILLING_ATTEMPT_SKIPPED',
		additionalInfo: { billingAttemptId: attempt.id, billingDate: attempt.billingDate, nextBillingDate: contract.nextBillingDate },
	});
	return json(attemptDto(attempt));
}

interface AttemptBody {
	id: number;
	shop: string;
	contractId?: number | null;
	billingDate?: string | null;
	orderNote?: string | null;
	orderAttributes?: Array<{ key?: string | null; value?: string | null }> | null;
}

function customerContracts(ctx: HandlerContext): number[] | undefined {
	const contractId = ctx.args.optInt('contractId');
	const customerId = ctx.args.optInt('customerId');
	const uid = ctx.args.optStr('customerUid');
	if (contractId === undefined && customerId === undefined && !uid) return undefined;
	let contracts = ctx.state.contracts.filter((c) => !c.hidden);
	if (contractId !== undefined) {
		findContract(ctx.state, contractId);
		contracts = contracts.filter((c) => c.contractId === contractId);
	}
	if (customerId !== undefined) contracts = contracts.filter((c) => c.customerId === customerId);
	if (uid) {
		const customer = ctx.state.customers.find((c) => c.uid === uid) ?? customerByEmail(ctx.state, uid);
		contracts = contracts.filter((c) => c.customerId === customer?.id);
	}
	return contracts.map((c) => c.contractId);
}

const ATTEMPT_SORT = {
	id: (a: BillingAttempt) => a.id,
	billingDate: (a: BillingAttempt) => Date.parse(a.billingDate),
	attemptTime: (a: BillingAttempt) => (a.attemptTime ? Date.parse(a.attemptTime) : null),
	status: (a: BillingAttempt) => a.status,
	contractId: (a: BillingAttempt) => a.contractId,
	attemptCount: (a: BillingAttempt) => a.attemptCount,
	orderAmount: (a: BillingAttempt) => a.orderAmount,
	orderName: (a: BillingAttempt) => a.orderName,
	orderId: (a: BillingAttempt) => a.orderId,
};

export const billingHandlers: Record<string, Handler> = {
	updateSubscriptionBillingAttemptV2(ctx) {
		const body = ctx.body as AttemptBody;
		const { attempt, contract } = loadAttempt(ctx, body.id);
		if (body.contractId !== undefined && body.contractId !== null && body.contractId !== attempt.contractId) {
			throw alertError(`Billing attempt ${attempt.id} does not belong to contract ${body.contractId}`, ATTEMPT, 'contractmismatch');
		}
		requireQueued(attempt);
		const changes: Record<string, unknown> = {};
		if (body.billingDate && Date.parse(body.billingDate) !== Date.parse(attempt.billingDate)) {
			requireFuture(ctx, body.billingDate, 'billingDate');
			changes.oldBillingDate = attempt.billingDate;
			attempt.billingDate = iso(Date.parse(body.billingDate));
			changes.newBillingDate = attempt.billingDate;
		}
		if (body.orderNote !== undefined && body.orderNote !== attempt.orderNote) {
			changes.oldOrderNote = attempt.orderNote;
			attempt.orderNote = body.orderNote ?? null;
			changes.newOrderNote = attempt.orderNote;
		}
		if (body.orderAttributes) attempt.orderAttributes = body.orderAttributes.map((a) => ({ key: a.key ?? '', value: a.value ?? '' }));
		syncQueue(ctx.state, contract, ctx.nowMs);
		if (Object.keys(changes).length > 0) {
			touch(contract, ctx.nowMs);
			ctx.log({
				entityId: contract.contractId,
				entityType: 'SUBSCRIPTION_BILLING_ATTEMPT',
				eventType: 'UPCOMING_ORDER_UPDATED',
				additionalInfo: { billingAttemptId: attempt.id, ...changes },
			});
		}
		return json(attemptDto(attempt));
	},

	unskipOrderV2(ctx) {
		const { attempt, contract } = loadAttempt(ctx, ctx.args.int('id'));
		if (attempt.status !== 'SKIPPED') throw alertError(`Only skipped orders can be unskipped (this one is ${attempt.status})`, ATTEMPT, 'notskipped');
		if (Date.parse(attempt.billingDate) <= ctx.nowMs) throw alertError('The billing date of this order has already passed', ATTEMPT, 'pastorder');
		if (contract.status === 'cancelled') throw alertError('Cannot unskip an order of a cancelled contract', ATTEMPT, 'notactive');
		attempt.status = 'QUEUED';
		syncQueue(ctx.state, contract, ctx.nowMs);
		touch(contract, ctx.nowMs);
		ctx.log({
			entityId: contract.contractId,
			entityType: 'SUBSCRIPTION_BILLING_ATTEMPT',
			eventType: 'UPCOMING_ORDER_UPDATED',
			additionalInfo: { billingAttemptId: attempt.id, action: 'UNSKIP', billingDate: attempt.billingDate },
		});
		return json(attemptDto(attempt));
	},

	skipFirstUpcomingOrderV2(ctx) {
		const contract = findContract(ctx.state, ctx.args.int('subscriptionContractId'));
		const next = queuedOf(ctx.state, contract.contractId)[0];
		if (!next) throw alertError('No upcoming order to skip', ATTEMPT, 'noupcomingorder');
		return skip(ctx, next, contract);
	},

	skipOrderV2(ctx) {
		const { attempt, contract } = loadAttempt(ctx, ctx.args.int('id'));
		return skip(ctx, attempt, contract);
	},

	rescheduleOrderV2(ctx) {
		const { attempt, contract } = loadAttempt(ctx, ctx.args.int('id'));
		requireQueued(attempt);
		const at = requireFuture(ctx, ctx.args.str('billingDate'), 'billingDate');
		const old = attempt.billingDate;
		attempt.billingDate = iso(at);
		if (ctx.args.bool('rescheduleFutureOrder', false) && queuedOf(ctx.state, contract.contractId)[0]?.id === attempt.id) {
			respaceQueue(ctx.state, contract);
		}
		syncQueue(ctx.state, contract, ctx.nowMs);
		touch(contract, ctx.nowMs);
		ctx.log({
			entityId: contract.contractId,
			entityType: 'SUBSCRIPTION_BILLING_ATTEMPT',
			eventType: 'UPCOMING_ORDER_UPDATED',
			additionalInfo: { billingAttemptId: attempt.id, oldBillingDate: old, newBillingDate: attempt.billingDate },
		});
		return json(attemptDto(attempt));
	},

	attemptBillingV2(ctx) {
		const { attempt, contract } = loadAttempt(ctx, ctx.args.int('id'));
		requireQueued(attempt);
		if (contract.status !== 'active') throw alertError(`Cannot bill a ${contract.status} contract`, ATTEMPT, 'notactive');
		chargeNow(ctx, contract, attempt.id);
		return empty(200);
	},

	updateOrderNoteV2_1(ctx) {
		const { attempt, contract } = loadAttempt(ctx, ctx.args.int('id'));
		requireQueued(attempt);
		const old = attempt.orderNote;
		attempt.orderNote = ctx.args.str('orderNote');
		ctx.log({
			entityId: contract.contractId,
			entityType: 'SUBSCRIPTION_BILLING_ATTEMPT',
			eventType: 'UPCOMING_ORDER_UPDATED',
			additionalInfo: { billingAttemptId: attempt.id, oldOrderNote: old, newOrderNote: attempt.orderNote },
		});
		return json(true);
	},

	getTopOrdersV2(ctx) {
		const ids = customerContracts(ctx);
		if (ids === undefined) {
			throw new ApiError(400, 'customer required', {
				empty: true,
				headers: { 'X-subscriptionApp-error': 'error.badrequest', 'X-subscriptionApp-alert': 'contractId, customerId or customerUid is required' },
			});
		}
		const upcoming = ctx.state.billingAttempts
			.filter((a) => a.status === 'QUEUED' && ids.includes(a.contractId))
			.sort((a, b) => Date.parse(a.billingDate) - Date.parse(b.billingDate) || a.id - b.id);
		return json(upcoming.map((a) => upcomingDto(ctx, a)));
	},

	getPastOrdersV2(ctx) {
		const ids = customerContracts(ctx);
		const paging = ctx.paging ?? { page: 0, size: 20, sort: [] };
		const past = ctx.state.billingAttempts.filter((a) => a.status !== 'QUEUED' && (ids === undefined || ids.includes(a.contractId)));
		const sorted = sortBy(past, paging.sort.length > 0 ? paging.sort : [{ property: 'id', direction: 'asc' }], ATTEMPT_SORT);
		return json(
			slicePage(sorted, paging).map((a) => attemptDto(a)),
			200,
			pagingHeaders(ctx.baseUrl, ctx.pathname, ctx.rawQuery, paging, past.length),
		);
	},

	getPastOrdersReport(ctx) {
		const status = ctx.args.str('status');
		const contractId = ctx.args.optInt('contractId');
		const from = ctx.args.optStr('fromDay');
		const to = ctx.args.optStr('toDay');
		const attemptCount = ctx.args.optInt('attemptCount');
		const contractStatus = ctx.args.optStr('contractStatus');
		const includeException = ctx.args.bool('includeShopifyException', false);
		const state = ctx.state;
		const matched = state.billingAttempts.filter((a) => {
			if (a.status !== status) return false;
			if (contractId !== undefined && a.contractId !== contractId) return false;
			if (from && Date.parse(a.billingDate) < Date.parse(from)) return false;
			if (to && Date.parse(a.billingDate) > Date.parse(to)) return false;
			if (attemptCount !== undefined && a.attemptCount !== attemptCount) return false;
			const c = state.contracts.find((x) => x.contractId === a.contractId);
			if (!c || c.hidden) return false;
			if (contractStatus && c.status !== contractStatus.toLowerCase()) return false;
			return true;
		});
		const paging = ctx.paging ?? { page: 0, size: 20, sort: [] };
		const sorted = sortBy(matched, paging.sort.length > 0 ? paging.sort : [{ property: 'id', direction: 'asc' }], ATTEMPT_SORT);
		const items = slicePage(sorted, paging).map((a) => {
			const dto = attemptDto(a);
			if (!includeException) dto.billingAttemptResponseMessage = null;
			const c = state.contracts.find((x) => x.contractId === a.contractId) as Contract;
			return { subscriptionBillingAttempt: { ...dto, consolidatedIntoAttemptId: null }, subscriptionContractDetails: contractDetails(state, c) };
		});
		return json(items, 200, pagingHeaders(ctx.baseUrl, ctx.pathname, ctx.rawQuery, paging, matched.length));
	},
};

/** A valid request for each handler above, on the seeded shop (sandbox.test.ts sends each one). */
export const billingSamples: Samples = {
	updateSubscriptionBillingAttemptV2: async (f, get) => {
		const [attempt] = (await get('subscription-billing-attempts/top-orders', { contractId: f.c.contractId })) as Array<Record<string, unknown>>;
		return { body: { ...attempt, orderNote: 'Please gift wrap' } };
	},
	unskipOrderV2: (f) => {
		const attempt = f.s.billingAttempts.find((a) => a.id === f.queuedId);
		if (attempt) attempt.status = 'SKIPPED';
		return { path: { id: f.queuedId }, query: { subscriptionContractId: f.c.contractId } };
	},
	skipFirstUpcomingOrderV2: (f) => ({ query: { subscriptionContractId: f.c.contractId } }),
	skipOrderV2: (f) => ({ path: { id: f.queuedId }, query: { subscriptionContractId: f.c.contractId } }),
	rescheduleOrderV2: (f) => ({ path: { id: f.queuedId }, query: { billingDate: future(3) } }),
	attemptBillingV2: (f) => ({ path: { id: f.queuedId } }),
	updateOrderNoteV2_1: (f) => ({ path: { id: f.queuedId }, query: { orderNote: 'Ring twice' } }),
	getTopOrdersV2: (f) => ({ query: { contractId: f.c.contractId } }),
	getPastOrdersV2: (f) => ({ query: { contractId: f.c.contractId, page: 0, size: 5, sort: 'billingDate,desc' } }),
	getPastOrdersReport: () => ({ query: { status: 'SUCCESS', size: 5 } }),
};
