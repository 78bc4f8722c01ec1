/**
 * Subscription contracts: their lines, manual discounts and attributes, and (through attempts.ts)
 * their billing attempts. The random draws run contract by contract in a fixed order that the
 * seeded IDs and names depend on, so a new draw belongs after the existing ones.
 */
import type {
	Attribute,
	BillingAttempt,
	Contract,
	ContractStatus,
	Counters,
	Customer,
	Discount,
	FrequencyInfo,
	Line,
	Product,
	SubscriptionGroup,
} from '../model';
import type { Rng } from '../rng';
import {
	type BillingTimeline,
	MAX_PAST_ATTEMPTS,
	MAX_QUEUED_ATTEMPTS,
	ORDER_ID_STEP,
	seedContractAttempts,
	SHOPIFY_ATTEMPT_ID_STEP,
} from './attempts';
import { sellingPlanNumericId } from './catalog';
import { CURRENCY, DAY, iso } from './common';
import { makeAddress } from './customers';

export interface ContractInputs {
	customers: Customer[];
	products: Product[];
	subscriptionGroups: SubscriptionGroup[];
}

/** Owner index per contract: customer 0 is a B2B-ish buyer with 12 contracts (for cursor paging); everyone else gets 1-3. */
function contractOwners(rng: Rng, customerCount: number): number[] {
	const owners: number[] = [];
	for (let k = 0; k < 12; k++) owners.push(0);
	for (let i = 1; i < customerCount; i++) {
		const n = rng.weighted([
			[1, 30],
			[2, 45],
			[3, 25],
		] as const);
		for (let k = 0; k < n; k++) owners.push(i);
	}
	while (owners.length < 252) owners.push(rng.int(1, customerCount - 1));
	return owners;
}

/** A shuffled 60/20/20 deck of active/paused/cancelled, one card per contract. */
function statusDeck(rng: Rng, total: number): ContractStatus[] {
	const deck: ContractStatus[] = [];
	for (let k = 0; k < total; k++) {
		deck.push(k < Math.round(total * 0.6) ? 'active' : k < Math.round(total * 0.8) ? 'paused' : 'cancelled');
	}
	rng.shuffle(deck);
	return deck;
}

/** The most attempts one contract is seeded with: past ones (MAX_PAST_ATTEMPTS) plus queued ones. */
const ATTEMPT_IDS_PER_CONTRACT = MAX_PAST_ATTEMPTS + MAX_QUEUED_ATTEMPTS;

/** Advances the counters past one contract's block of attempt and order IDs. */
function reserveAttemptIds(counters: Counters): void {
	counters.billingAttempt += ATTEMPT_IDS_PER_CONTRACT;
	counters.shopifyBillingAttempt += ATTEMPT_IDS_PER_CONTRACT * SHOPIFY_ATTEMPT_ID_STEP;
	counters.order += MAX_PAST_ATTEMPTS * ORDER_ID_STEP;
	counters.orderName += MAX_PAST_ATTEMPTS;
}

export function seedContracts(
	rng: Rng,
	epoch: number,
	counters: Counters,
	inputs: ContractInputs,
): { contracts: Contract[]; billingAttempts: BillingAttempt[] } {
	const { customers, products } = inputs;
	const owners = contractOwners(rng, customers.length);
	const deck = statusDeck(rng, owners.length);
	const contracts: Contract[] = [];
	const billingAttempts: BillingAttempt[] = [];
	const seenOwner = new Set<number>();
	owners.forEach((ownerIndex, k) => {
		const customer = customers[ownerIndex];
		let status = deck[k];
		// The first contract of each failing-card customer stays active (so attempt-billing can fail).
		if (customer.failingCard && !seenOwner.has(ownerIndex)) status = 'active';
		if (ownerIndex === 0 && k < 2) status = 'active';
		seenOwner.add(ownerIndex);
		const { contract, timeline } = buildContract(rng, epoch, counters, customer, status, inputs);
		contracts.push(contract);
		// How many past orders fit between a contract's creation and now depends on the calendar
		// (month lengths), so its attempts draw from a generator of their own and number from a
		// block of IDs of their own: the shop seeded at any instant is the same shop, shifted in
		// time, and a test's expectations hold on any date.
		const attemptCounters = { ...counters };
		billingAttempts.push(...seedContractAttempts(rng.fork(), attemptCounters, contract, customer.failingCard, products, timeline));
		reserveAttemptIds(counters);
	});
	billingAttempts.sort((a, b) => a.id - b.id);
	return { contracts, billingAttempts };
}

function buildContract(
	rng: Rng,
	epoch: number,
	counters: Counters,
	customer: Customer,
	status: ContractStatus,
	{ products, subscriptionGroups }: ContractInputs,
): { contract: Contract; timeline: BillingTimeline } {
	const group = rng.weighted(subscriptionGroups.map((g, gi) => [g, [40, 25, 20, 15][gi]] as const));
	const plan = rng.pick(group.plans);
	const createdAtMs = epoch - rng.int(15, 420) * DAY - rng.int(0, 86_399) * 1000;
	counters.contract += 10_007;
	const contractId = counters.contract;
	const lines = seedLines(rng, group, plan, products);
	const discounts = seedManualDiscounts(rng);
	const customAttributes = seedContractAttributes(rng);
	const interval = plan.billingFrequencyInterval;
	const intervalCount = plan.billingFrequencyCount;
	const firstPastOffset = rng.int(1, 25) * DAY;
	let nextBilling = Math.max(createdAtMs + 3 * DAY, epoch + firstPastOffset);
	if (status !== 'active') nextBilling = status === 'paused' ? epoch + rng.int(5, 60) * DAY : epoch - rng.int(5, 90) * DAY;
	counters.orderName += 1;
	counters.order += ORDER_ID_STEP;
	const contract: Contract = {
		id: counters.appstleContract++,
		contractId,
		customerId: customer.id,
		status,
		createdAt: iso(createdAtMs),
		updatedAt: iso(Math.min(epoch - 60_000, createdAtMs + rng.int(0, 30) * DAY)),
		nextBillingDate: iso(nextBilling),
		billingInterval: interval,
		billingIntervalCount: intervalCount,
		deliveryInterval: plan.frequencyInterval,
		deliveryIntervalCount: plan.frequencyCount,
		minCycles: plan.minCycles,
		maxCycles: rng.chance(0.1) ? rng.int(6, 24) : null,
		currencyCode: CURRENCY,
		deliveryPrice: rng.pick([0, 0, 4.99, 6.5]),
		lines,
		discounts,
		customAttributes,
		orderNote: rng.chance(0.15) ? rng.pick(['Leave at the back door', 'Gift wrap please', 'Ring twice']) : null,
		shippingAddress: rng.chance(0.9) ? { ...customer.address } : makeAddress(rng, customer.firstName, customer.lastName),
		deliveryMethod: { type: 'SHIPPING', title: 'Standard Shipping', code: 'STANDARD', presentmentTitle: 'Standard Shipping', locationId: null },
		paymentMethodId: customer.paymentMethods[0].id,
		originOrderId: counters.order,
		originOrderName: `#${counters.orderName}`,
		planType: plan.planType === 'PREPAID' ? 'prepaid' : 'non-prepaid',
		importedId: rng.chance(0.08) ? `IMP-${rng.int(10000, 99999)}` : null,
		originType: 'CHECKOUT',
		cancellationFeedback: null,
		cancellationNote: null,
		activatedOn: iso(createdAtMs),
		pausedOn: null,
		cancelledOn: null,
		lastPaymentStatus: null,
		sellingPlanGroupId: group.id,
		hidden: false,
	};
	if (status === 'paused') contract.pausedOn = iso(epoch - rng.int(1, 60) * DAY);
	if (status === 'cancelled') {
		contract.cancelledOn = iso(Math.max(createdAtMs + DAY, epoch - rng.int(1, 120) * DAY));
		contract.cancellationFeedback = rng.pick(['Too expensive', 'Have too much product', 'Moving', 'Other']);
	}
	return { contract, timeline: { createdAtMs, nextBilling, epoch } };
}

function seedLines(rng: Rng, group: SubscriptionGroup, plan: FrequencyInfo, products: Product[]): Line[] {
	const lineCount = rng.weighted([
		[1, 55],
		[2, 30],
		[3, 15],
	] as const);
	const groupProducts = group.products.map((ref) => products.find((p) => p.id === ref.id) as Product);
	const lines: Line[] = [];
	const used = new Set<number>();
	for (let l = 0; l < lineCount; l++) {
		const product = rng.pick(groupProducts);
		const variant = rng.pick(product.variants);
		if (used.has(variant.id)) continue;
		used.add(variant.id);
		const discount = plan.discountOffer ?? 0;
		const attrs: Attribute[] = [];
		if (rng.chance(0.15)) attrs.push({ key: 'Grind', value: rng.pick(['Whole bean', 'Espresso', 'Filter']) });
		lines.push({
			id: `gid://shopify/SubscriptionLine/${rng.uuid()}`,
			productId: product.id,
			variantId: variant.id,
			title: product.title,
			variantTitle: variant.title,
			sku: variant.sku,
			quantity: rng.weighted([
				[1, 70],
				[2, 22],
				[3, 8],
			] as const),
			basePrice: variant.price,
			price: Math.round(variant.price * (100 - discount)) / 100,
			sellingPlanId: sellingPlanNumericId(plan),
			sellingPlanName: plan.frequencyName,
			customAttributes: attrs,
			cycleDiscounts: [],
			image: product.image,
		});
	}
	return lines;
}

/** Now and then a loyalty discount a merchant added by hand. */
function seedManualDiscounts(rng: Rng): Discount[] {
	const discounts: Discount[] = [];
	if (rng.chance(0.18)) {
		const pct = rng.pick([5, 10, 15, 20]);
		discounts.push({
			id: `gid://shopify/SubscriptionManualDiscount/${rng.uuid()}`,
			title: `${pct}% loyalty discount`,
			type: 'MANUAL',
			valueType: 'PERCENTAGE',
			value: pct,
			appliesOnEachItem: false,
			recurringCycleLimit: rng.chance(0.5) ? rng.int(2, 6) : null,
			usageCount: rng.int(0, 3),
			code: null,
		});
	}
	return discounts;
}

function seedContractAttributes(rng: Rng): Attribute[] {
	const customAttributes: Attribute[] = [];
	if (rng.chance(0.2)) customAttributes.push({ key: 'gift', value: rng.chance(0.5) ? 'yes' : 'no' });
	if (rng.chance(0.1)) customAttributes.push({ key: 'source', value: 'instagram' });
	return customAttributes;
}
