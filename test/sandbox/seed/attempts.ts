/**
 * Billing attempts: the seed's per-contract history and queue, plus the attempt builders the
 * handlers reuse (state.ts re-exports them) so live and seeded attempts look the same.
 */
import type { AttemptStatus, BillingAttempt, Contract, Counters, Product, VariantQuantity } from '../model';
import type { Rng } from '../rng';
import { addInterval, DAY, iso, SHOP } from './common';

/** When a contract's billing runs are anchored; both are known only while the contract is built. */
export interface BillingTimeline {
	createdAtMs: number;
	nextBilling: number;
	epoch: number;
}

/**
 * Up to six past attempts and, for active contracts, one to three queued ones; sets the
 * contract's lastPaymentStatus from the history. Returns the past ones oldest first, then the queue.
 */
/** Past attempts seeded per contract at most, and queued ones. */
export const MAX_PAST_ATTEMPTS = 6;
export const MAX_QUEUED_ATTEMPTS = 3;
/** How far apart consecutive Shopify billing attempt IDs and order IDs are. */
export const SHOPIFY_ATTEMPT_ID_STEP = 337;
export const ORDER_ID_STEP = 7919;

export function seedContractAttempts(
	rng: Rng,
	counters: Counters,
	contract: Contract,
	failingCard: boolean,
	products: Product[],
	{ createdAtMs, nextBilling, epoch }: BillingTimeline,
): BillingAttempt[] {
	const { status, billingInterval: interval, billingIntervalCount: intervalCount } = contract;
	const attempts: BillingAttempt[] = [];
	// Past attempts (newest first, walking back from the next billing date).
	const past: BillingAttempt[] = [];
	let cursor = addInterval(status === 'active' ? nextBilling : Math.min(nextBilling, epoch - DAY), interval, -intervalCount);
	if (status !== 'active') cursor = Math.min(cursor, epoch - DAY);
	let n = 0;
	while (cursor > createdAtMs + DAY && n < MAX_PAST_ATTEMPTS) {
		let attemptStatus: AttemptStatus = 'SUCCESS';
		if (failingCard && n < 2) attemptStatus = 'FAILURE';
		else if (rng.chance(0.08)) attemptStatus = 'SKIPPED';
		else if (rng.chance(0.04)) attemptStatus = 'FAILURE';
		past.push(pastAttempt(counters, contract, cursor, attemptStatus, rng, products));
		cursor = addInterval(cursor, interval, -intervalCount);
		n++;
	}
	past.reverse();
	// The contract's origin order counts as the first successful order.
	attempts.push(...past);
	const lastDone = [...past].reverse().find((a) => a.status === 'SUCCESS' || a.status === 'FAILURE');
	contract.lastPaymentStatus = lastDone ? (lastDone.status === 'SUCCESS' ? 'SUCCEEDED' : 'FAILED') : 'SUCCEEDED';

	if (status === 'active') {
		const queued = rng.int(1, MAX_QUEUED_ATTEMPTS);
		let at = nextBilling;
		for (let q = 0; q < queued; q++) {
			const attempt = queuedAttempt(counters, contract, at);
			// Some customers have already skipped an order after the next one.
			if (q === 1 && contract.id % 5 === 0) attempt.status = 'SKIPPED';
			attempts.push(attempt);
			at = addInterval(at, interval, intervalCount);
		}
	}
	return attempts;
}

function pastAttempt(
	counters: Counters,
	contract: Contract,
	at: number,
	status: AttemptStatus,
	rng: Rng,
	products: Product[],
): BillingAttempt {
	const attempt = queuedAttempt(counters, contract, at);
	attempt.status = status;
	attempt.variantList = variantList(contract, products);
	if (status === 'SKIPPED') return attempt;
	counters.shopifyBillingAttempt += SHOPIFY_ATTEMPT_ID_STEP;
	attempt.billingAttemptId = String(counters.shopifyBillingAttempt);
	attempt.attemptCount = status === 'FAILURE' ? rng.int(1, 3) : 1;
	attempt.attemptTime = iso(at + rng.int(60, 3600) * 1000);
	attempt.orderAmount = orderAmount(contract);
	attempt.orderAmountUSD = attempt.orderAmount;
	if (status === 'SUCCESS') {
		counters.order += ORDER_ID_STEP;
		counters.orderName += 1;
		attempt.orderId = counters.order;
		attempt.graphOrderId = `gid://shopify/Order/${counters.order}`;
		attempt.orderName = `#${counters.orderName}`;
		attempt.orderConfirmed = true;
		attempt.orderClosed = false;
		attempt.orderDisplayFinancialStatus = 'PAID';
		attempt.orderDisplayFulfillmentStatus = rng.chance(0.9) ? 'FULFILLED' : 'UNFULFILLED';
		attempt.orderProcessedAt = attempt.attemptTime;
	} else {
		attempt.billingAttemptResponseMessage = rng.pick([
			'Your card was declined.',
			'Insufficient funds.',
			'Card expired.',
		]);
	}
	return attempt;
}

export function queuedAttempt(counters: Counters, contract: Contract, at: number): BillingAttempt {
	counters.billingAttempt += 1;
	return {
		id: counters.billingAttempt,
		shop: SHOP,
		billingAttemptId: null,
		status: 'QUEUED',
		billingDate: iso(at),
		contractId: contract.contractId,
		attemptCount: 0,
		attemptTime: null,
		graphOrderId: null,
		orderId: null,
		orderAmount: null,
		orderAmountUSD: null,
		orderName: null,
		retryingNeeded: false,
		billingAttemptResponseMessage: null,
		progressAttemptCount: 0,
		orderNote: null,
		variantList: [],
		orderAttributes: [],
		orderCancelledAt: null,
		orderClosed: null,
		orderClosedAt: null,
		orderConfirmed: null,
		orderDisplayFinancialStatus: null,
		orderDisplayFulfillmentStatus: null,
		orderProcessedAt: null,
		orderCancelReason: null,
		applyUsageCharge: false,
		recurringChargeId: null,
		transactionRate: null,
		usageChargeStatus: null,
		transactionFailedSmsSentStatus: null,
		upcomingOrderSmsSentStatus: null,
		securityChallengeSentStatus: null,
	};
}

export function variantList(contract: Contract, products: Product[]): VariantQuantity[] {
	return contract.lines.map((l) => {
		const product = products.find((p) => p.id === l.productId);
		return {
			variantId: l.variantId,
			quantity: l.quantity,
			title: `${l.title} - ${l.variantTitle}`,
			image: product?.image ?? null,
			productTitle: l.title,
			productId: l.productId,
			variantTitle: l.variantTitle,
			swapId: null,
		};
	});
}

export function orderAmount(contract: Contract): number {
	const lines = contract.lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
	let total = lines + contract.deliveryPrice;
	for (const d of contract.discounts) {
		total -= d.valueType === 'PERCENTAGE' ? (lines * d.value) / 100 : d.value;
	}
	return Math.max(0, Math.round(total * 100) / 100);
}
