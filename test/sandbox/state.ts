/**
 * The sandbox's in-memory shop: model types and the deterministic seed.
 *
 * Everything is plain JSON-compatible data (the random generator state included), so
 * `structuredClone` snapshots and `reset()` reproduce it exactly.
 */
import type {
	Address,
	AttemptStatus,
	BillingAttempt,
	Bundle,
	Contract,
	ContractStatus,
	Counters,
	Customer,
	Discount,
	DeliveryProfile,
	FrequencyInfo,
	Interval,
	Line,
	OneOff,
	PaymentMethod,
	Product,
	ProductSwap,
	SandboxState,
	Settings,
	SubscriptionGroup,
	Variant,
	VariantQuantity,
	Attribute,
} from './model';
import { Rng } from './rng';

export * from './model';

export const DEFAULT_SEED = 20240122;
export const SHOP = 'sandbox-shop.myshopify.com';
export const CURRENCY = 'USD';
const DAY = 86_400_000;

// ------------------------------------------------------------------ helpers

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * `Date#toISOString` by arithmetic (days-to-civil), several times faster than the
 * native call; seeding formats a few thousand timestamps.
 */
function formatIso(ms: number, millis: boolean): string {
	const days = Math.floor(ms / 86_400_000);
	let rem = ms - days * 86_400_000;
	const z = days + 719_468;
	const era = Math.floor(z / 146_097);
	const doe = z - era * 146_097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
	if (year < 1000 || year > 9999) return millis ? new Date(ms).toISOString() : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const h = Math.floor(rem / 3_600_000);
	rem -= h * 3_600_000;
	const mi = Math.floor(rem / 60_000);
	rem -= mi * 60_000;
	const sec = Math.floor(rem / 1000);
	const msPart = Math.round(rem - sec * 1000);
	const base = `${year}-${pad2(month)}-${pad2(day)}T${pad2(h)}:${pad2(mi)}:${pad2(sec)}`;
	if (!millis) return `${base}Z`;
	return `${base}.${String(msPart).padStart(3, '0')}Z`;
}

/** ISO-8601 UTC to the second (e.g. 2024-03-15T10:30:00Z), as Appstle DTOs and Shopify objects show dates. */
export function iso(ms: number): string {
	return formatIso(ms, false);
}

/** ISO-8601 UTC, always with milliseconds (activity-log createAt). */
export function isoMillis(ms: number): string {
	return formatIso(ms, true);
}

export function addInterval(ms: number, interval: Interval, count: number): number {
	const d = new Date(ms);
	switch (interval) {
		case 'DAY':
			return ms + count * DAY;
		case 'WEEK':
			return ms + count * 7 * DAY;
		case 'MONTH':
			d.setUTCMonth(d.getUTCMonth() + count);
			return d.getTime();
		case 'YEAR':
			d.setUTCFullYear(d.getUTCFullYear() + count);
			return d.getTime();
	}
}

export function nextRandom(state: SandboxState): Rng {
	// A short-lived Rng view whose state is written back by `commitRandom`.
	return new Rng(state.rngState);
}

export function commitRandom(state: SandboxState, rng: Rng): void {
	state.rngState = rng.state;
}

export function newLineId(state: SandboxState): string {
	const rng = nextRandom(state);
	const id = `gid://shopify/SubscriptionLine/${rng.uuid()}`;
	commitRandom(state, rng);
	return id;
}

export function newHex(state: SandboxState, length: number): string {
	const rng = nextRandom(state);
	const out = rng.hex(length);
	commitRandom(state, rng);
	return out;
}

// ------------------------------------------------------------------ seed data

const FIRST_NAMES = [
	'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Mateo', 'Isabella', 'Lucas',
	'Mia', 'Levi', 'Amelia', 'Ezra', 'Harper', 'Asher', 'Evelyn', 'James', 'Luna', 'Leo',
	'Camila', 'Aiden', 'Gianna', 'Kai', 'Aria', 'Hudson', 'Ella', 'Jack', 'Nova', 'Wyatt',
	'Zoe', 'Owen', 'Priya', 'Kenji', 'Fatima', 'Diego', 'Ingrid', 'Tariq', 'Chloe', 'Ravi',
];
const LAST_NAMES = [
	'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
	'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
	'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
	'Nakamura', 'Okafor', 'Larsen', 'Novak', 'Haddad', 'Kowalski', 'Fischer', 'Rossi', 'Singh', 'Kim',
];
const CITIES: Array<[string, string, string, string]> = [
	['Portland', 'Oregon', 'OR', '97205'],
	['Austin', 'Texas', 'TX', '73301'],
	['Denver', 'Colorado', 'CO', '80202'],
	['Seattle', 'Washington', 'WA', '98101'],
	['Chicago', 'Illinois', 'IL', '60601'],
	['Boston', 'Massachusetts', 'MA', '02108'],
	['Atlanta', 'Georgia', 'GA', '30303'],
	['Phoenix', 'Arizona', 'AZ', '85003'],
	['Madison', 'Wisconsin', 'WI', '53703'],
	['Raleigh', 'North Carolina', 'NC', '27601'],
];
const STREETS = ['Maple Ave', 'Oak St', 'Pine Rd', 'Cedar Ln', 'Elm St', 'Birch Way', 'Willow Dr', 'Lakeview Blvd'];
const BRANDS = ['visa', 'mastercard', 'american_express', 'discover'];

const PRODUCT_DEFS: Array<[string, string[], number]> = [
	['Single Origin Coffee Beans', ['250g', '500g', '1kg'], 14],
	['House Espresso Blend', ['250g', '1kg'], 13],
	['Decaf Colombian', ['250g'], 15],
	['Cold Brew Concentrate', ['1L'], 18],
	['Earl Grey Loose Leaf Tea', ['100g', '250g'], 11],
	['Sencha Green Tea', ['100g'], 12],
	['Chai Spice Blend', ['100g', '250g'], 10],
	['Chamomile Herbal Tea', ['20 bags'], 8],
	['Grain-Free Dog Food', ['5lb', '15lb', '30lb'], 32],
	['Salmon Cat Food', ['3lb', '7lb'], 24],
	['Dental Chew Sticks', ['Small', 'Large'], 16],
	['Organic Cat Litter', ['20lb'], 21],
	['Daily Multivitamin', ['60 ct', '120 ct'], 22],
	['Vitamin D3 Drops', ['30 ml'], 12],
	['Plant Protein Powder', ['Vanilla', 'Chocolate'], 39],
	['Electrolyte Mix', ['Lemon', 'Berry'], 26],
	['Lavender Body Wash', ['500 ml'], 14],
	['Bamboo Toothbrush 4-pack', ['Soft', 'Medium'], 12],
	['Natural Deodorant', ['Unscented', 'Citrus'], 11],
	['Reusable Razor Blades', ['10 pack'], 9],
	['Sourdough Starter Kit', ['Default'], 19],
	['Artisan Granola', ['Honey Almond', 'Cacao'], 9],
	['Ceremonial Matcha', ['30g', '100g'], 28],
	['Oat Milk Barista Edition', ['6 x 1L'], 23],
];

const GROUP_DEFS: Array<{
	name: string;
	products: number[];
	plans: Array<[string, Interval, number, Interval, number, number | null, 'PAY_AS_YOU_GO' | 'PREPAID']>;
}> = [
	{
		name: 'Coffee Club',
		products: [0, 1, 2, 3],
		plans: [
			['Every 2 weeks', 'WEEK', 2, 'WEEK', 2, 10, 'PAY_AS_YOU_GO'],
			['Monthly', 'MONTH', 1, 'MONTH', 1, 10, 'PAY_AS_YOU_GO'],
			['Every 2 months', 'MONTH', 2, 'MONTH', 2, 5, 'PAY_AS_YOU_GO'],
		],
	},
	{
		name: 'Tea Subscription',
		products: [4, 5, 6, 7, 22],
		plans: [
			['Monthly', 'MONTH', 1, 'MONTH', 1, 15, 'PAY_AS_YOU_GO'],
			['Every 3 months', 'MONTH', 3, 'MONTH', 3, 10, 'PAY_AS_YOU_GO'],
		],
	},
	{
		name: 'Pet Food Autoship',
		products: [8, 9, 10, 11],
		plans: [
			['Every 4 weeks', 'WEEK', 4, 'WEEK', 4, 5, 'PAY_AS_YOU_GO'],
			['Every 6 weeks', 'WEEK', 6, 'WEEK', 6, 5, 'PAY_AS_YOU_GO'],
			['Every 30 days', 'DAY', 30, 'DAY', 30, null, 'PAY_AS_YOU_GO'],
		],
	},
	{
		name: 'Wellness Prepaid',
		products: [12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23],
		plans: [
			['Prepaid 3 months, delivered monthly', 'MONTH', 1, 'MONTH', 3, 12, 'PREPAID'],
			['Yearly', 'YEAR', 1, 'YEAR', 1, 20, 'PAY_AS_YOU_GO'],
		],
	},
];

export const FIRST_CUSTOMER_ID = 61_230_000_000;
export const FIRST_CONTRACT_ID = 27_510_000_000;
export const FIRST_ATTEMPT_ID = 500_001;
export const FIRST_LOG_ID = 3_100_001;
export const FIRST_PRODUCT_ID = 7_410_000_000_000;
export const FIRST_VARIANT_ID = 42_110_000_000_000;
export const FIRST_SELLING_PLAN_ID = 6_890_000_000;
export const FIRST_GROUP_ID = 8_830_000_000;

function makeAddress(rng: Rng, firstName: string, lastName: string): Address {
	const [city, province, provinceCode, zip] = rng.pick(CITIES);
	return {
		firstName,
		lastName,
		address1: `${rng.int(10, 9899)} ${rng.pick(STREETS)}`,
		address2: rng.chance(0.2) ? `Apt ${rng.int(1, 40)}` : null,
		city,
		province,
		provinceCode,
		zip,
		country: 'United States',
		countryCode: 'US',
		phone: rng.chance(0.6) ? `+1555${rng.int(1000000, 9999999)}` : null,
		company: rng.chance(0.1) ? `${lastName} & Co` : null,
	};
}

function makeProducts(): Product[] {
	const out: Product[] = [];
	let variantSeq = 0;
	PRODUCT_DEFS.forEach(([title, variants, price], i) => {
		const handle = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
		out.push({
			id: FIRST_PRODUCT_ID + (i + 1) * 17,
			title,
			handle,
			image: `https://cdn.shopify.com/s/files/1/sandbox/products/${handle}.jpg`,
			variants: variants.map((v, j) => ({
				id: FIRST_VARIANT_ID + ++variantSeq * 31,
				title: v,
				sku: `${handle.slice(0, 10).toUpperCase()}-${j + 1}`,
				price: Math.round((price + j * price * 0.8) * 100) / 100,
			})),
		});
	});
	return out;
}

function frequency(
	id: number,
	seq: number,
	[name, interval, count, billingInterval, billingCount, discount, planType]: (typeof GROUP_DEFS)[number]['plans'][number],
): FrequencyInfo {
	return {
		id: `gid://shopify/SellingPlan/${id}`,
		idNew: null,
		frequencyName: name,
		frequencyDescription: discount ? `Save ${discount}% on every order` : null,
		frequencyCount: count,
		frequencyInterval: interval,
		billingFrequencyCount: billingCount,
		billingFrequencyInterval: billingInterval,
		planType,
		discountEnabled: discount !== null,
		discountType: discount !== null ? 'PERCENTAGE' : null,
		discountOffer: discount,
		afterCycle1: 0,
		discountEnabled2: false,
		discountType2: null,
		discountOffer2: null,
		afterCycle2: 0,
		minCycles: planType === 'PREPAID' ? 1 : null,
		maxCycles: null,
		freeTrialEnabled: false,
		freeTrialCount: null,
		freeTrialInterval: null,
		memberOnly: false,
		frequencySequence: seq,
		appstleCycles: [],
	};
}

export function sellingPlanNumericId(plan: FrequencyInfo): number {
	return Number(plan.id.split('/').pop());
}

interface SeedOptions {
	seed: number;
	epoch: number;
}

/** Builds the whole seeded shop. Same seed + epoch => identical state. */
export function createState({ seed, epoch }: SeedOptions): SandboxState {
	const rng = new Rng(seed);
	const products = makeProducts();
	const counters: Counters = {
		activityLog: FIRST_LOG_ID,
		billingAttempt: FIRST_ATTEMPT_ID,
		shopifyBillingAttempt: 91_300_000_000,
		contract: FIRST_CONTRACT_ID,
		appstleContract: 1001,
		oneOff: 901,
		group: FIRST_GROUP_ID,
		sellingPlan: FIRST_SELLING_PLAN_ID,
		bundle: 301,
		productSwap: 41,
		order: 5_610_000_000_000,
		orderName: 1001,
		deliveryProfile: 71,
		discount: 1,
	};

	// Subscription groups and their selling plans.
	const subscriptionGroups: SubscriptionGroup[] = GROUP_DEFS.map((def) => {
		counters.group += 11;
		const groupProducts = def.products.map((i) => products[i]);
		return {
			id: counters.group,
			groupName: def.name,
			products: groupProducts.map((p) => ({ id: p.id, title: p.title })),
			variants: [],
			plans: def.plans.map((p, seq) => {
				counters.sellingPlan += 7;
				return frequency(counters.sellingPlan, seq, p);
			}),
		};
	});

	// Customers: 120, every 15th one (index 7, 22, 37, ...) has a failing card.
	const customers: Customer[] = [];
	for (let i = 0; i < 120; i++) {
		const firstName = FIRST_NAMES[(i * 7 + rng.int(0, 3)) % FIRST_NAMES.length];
		const lastName = LAST_NAMES[(i * 11 + rng.int(0, 5)) % LAST_NAMES.length];
		const id = FIRST_CUSTOMER_ID + (i + 1) * 1013;
		const methods: PaymentMethod[] = [];
		const methodCount = rng.chance(0.25) ? 2 : 1;
		for (let m = 0; m < methodCount; m++) {
			methods.push({
				id: `gid://shopify/CustomerPaymentMethod/${rng.hex(32)}`,
				brand: rng.pick(BRANDS),
				lastDigits: String(rng.int(1000, 9999)),
				expiryMonth: rng.int(1, 12),
				expiryYear: new Date(epoch).getUTCFullYear() + rng.int(m === 0 ? 1 : -1, 5),
				name: `${firstName} ${lastName}`,
				revokedAt: null,
				revokedReason: null,
			});
		}
		if (rng.chance(0.1)) {
			methods.push({
				id: `gid://shopify/CustomerPaymentMethod/${rng.hex(32)}`,
				brand: rng.pick(BRANDS),
				lastDigits: String(rng.int(1000, 9999)),
				expiryMonth: rng.int(1, 12),
				expiryYear: new Date(epoch).getUTCFullYear() - 1,
				name: `${firstName} ${lastName}`,
				revokedAt: iso(epoch - rng.int(30, 200) * DAY),
				revokedReason: 'MANUALLY_REVOKED',
			});
		}
		customers.push({
			id,
			uid: rng.uuid(),
			firstName,
			lastName,
			email: `${firstName}.${lastName}.${i + 1}@example.com`.toLowerCase(),
			phone: rng.chance(0.5) ? `+1555${rng.int(1000000, 9999999)}` : null,
			failingCard: i % 15 === 7,
			paymentMethods: methods,
			address: makeAddress(rng, firstName, lastName),
			createdAt: iso(epoch - rng.int(200, 900) * DAY),
		});
	}

	// Contracts: customer 0 is a B2B-ish buyer with 12 contracts (for cursor paging);
	// everyone else gets 1-3. Statuses are assigned from a shuffled 60/20/20 deck.
	const owners: number[] = [];
	for (let k = 0; k < 12; k++) owners.push(0);
	for (let i = 1; i < customers.length; i++) {
		const n = rng.weighted([
			[1, 30],
			[2, 45],
			[3, 25],
		] as const);
		for (let k = 0; k < n; k++) owners.push(i);
	}
	while (owners.length < 252) owners.push(rng.int(1, customers.length - 1));
	const total = owners.length;
	const deck: ContractStatus[] = [];
	for (let k = 0; k < total; k++) {
		deck.push(k < Math.round(total * 0.6) ? 'active' : k < Math.round(total * 0.8) ? 'paused' : 'cancelled');
	}
	rng.shuffle(deck);
	// The first contract of each failing-card customer stays active (so attempt-billing can fail).
	const contracts: Contract[] = [];
	const billingAttempts: BillingAttempt[] = [];
	const seenOwner = new Set<number>();
	owners.forEach((ownerIndex, k) => {
		const customer = customers[ownerIndex];
		let status = deck[k];
		if (customer.failingCard && !seenOwner.has(ownerIndex)) status = 'active';
		if (ownerIndex === 0 && k < 2) status = 'active';
		seenOwner.add(ownerIndex);
		const group = rng.weighted(subscriptionGroups.map((g, gi) => [g, [40, 25, 20, 15][gi]] as const));
		const plan = rng.pick(group.plans);
		const createdAtMs = epoch - rng.int(15, 420) * DAY - rng.int(0, 86_399) * 1000;
		counters.contract += 10_007;
		const contractId = counters.contract;
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
		const customAttributes: Attribute[] = [];
		if (rng.chance(0.2)) customAttributes.push({ key: 'gift', value: rng.chance(0.5) ? 'yes' : 'no' });
		if (rng.chance(0.1)) customAttributes.push({ key: 'source', value: 'instagram' });
		const interval = plan.billingFrequencyInterval;
		const intervalCount = plan.billingFrequencyCount;
		const firstPastOffset = rng.int(1, 25) * DAY;
		let nextBilling = Math.max(createdAtMs + 3 * DAY, epoch + firstPastOffset);
		if (status !== 'active') nextBilling = status === 'paused' ? epoch + rng.int(5, 60) * DAY : epoch - rng.int(5, 90) * DAY;
		counters.orderName += 1;
		counters.order += 7919;
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
		contracts.push(contract);

		// Past attempts (newest first, walking back from the next billing date).
		const past: BillingAttempt[] = [];
		let cursor = addInterval(status === 'active' ? nextBilling : Math.min(nextBilling, epoch - DAY), interval, -intervalCount);
		if (status !== 'active') cursor = Math.min(cursor, epoch - DAY);
		let n = 0;
		while (cursor > createdAtMs + DAY && n < 6) {
			let attemptStatus: AttemptStatus = 'SUCCESS';
			if (customer.failingCard && n < 2) attemptStatus = 'FAILURE';
			else if (rng.chance(0.08)) attemptStatus = 'SKIPPED';
			else if (rng.chance(0.04)) attemptStatus = 'FAILURE';
			past.push(pastAttempt(counters, contract, cursor, attemptStatus, rng, products));
			cursor = addInterval(cursor, interval, -intervalCount);
			n++;
		}
		past.reverse();
		// The contract's origin order counts as the first successful order.
		billingAttempts.push(...past);
		const lastDone = [...past].reverse().find((a) => a.status === 'SUCCESS' || a.status === 'FAILURE');
		contract.lastPaymentStatus = lastDone ? (lastDone.status === 'SUCCESS' ? 'SUCCEEDED' : 'FAILED') : 'SUCCEEDED';

		if (status === 'active') {
			const queued = rng.int(1, 3);
			let at = nextBilling;
			for (let q = 0; q < queued; q++) {
				const attempt = queuedAttempt(counters, contract, at);
				// Some customers have already skipped an order after the next one.
				if (q === 1 && contract.id % 5 === 0) attempt.status = 'SKIPPED';
				billingAttempts.push(attempt);
				at = addInterval(at, interval, intervalCount);
			}
		}
	});
	billingAttempts.sort((a, b) => a.id - b.id);

	// One-off products on some upcoming orders.
	const oneOffs: OneOff[] = [];
	const activeContracts = contracts.filter((c) => c.status === 'active');
	for (const c of activeContracts.filter((_, i) => i % 9 === 4)) {
		const next = billingAttempts.find((a) => a.contractId === c.contractId && a.status === 'QUEUED');
		if (!next) continue;
		const product = rng.pick(products);
		const variant = rng.pick(product.variants);
		oneOffs.push({
			id: counters.oneOff++,
			shop: SHOP,
			billingAttemptId: next.id,
			subscriptionContractId: c.contractId,
			variantId: variant.id,
			variantHandle: product.handle,
			quantity: rng.int(1, 2),
			price: variant.price,
		});
	}

	// Build-a-box bundles.
	const bundleDefs: Array<[string, string, number, number, number]> = [
		['Build Your Coffee Box', 'build-your-coffee-box', 3, 6, 10],
		['Tea Lovers Sampler', 'tea-lovers-sampler', 2, 4, 15],
		['Pet Care Essentials', 'pet-care-essentials', 2, 5, 8],
	];
	const bundles: Bundle[] = bundleDefs.map(([name, handle, min, max, discount], i) => {
		const group = subscriptionGroups[i];
		const id = counters.bundle++;
		return {
			id,
			shop: SHOP,
			name,
			groupName: group.groupName,
			uniqueRef: handle,
			subscriptionBundlingEnabled: true,
			subscriptionId: group.id,
			minProductCount: min,
			maxProductCount: max,
			discount,
			minOrderAmount: i === 1 ? 25 : null,
			tieredDiscount: i === 0 ? JSON.stringify([{ discountBasedOn: 'QUANTITY', value: 5, discount: 15 }]) : null,
			subscriptionBundleLink: `https://${SHOP}/apps/subscriptions/bb/${handle}`,
			bundleRedirect: i === 2 ? 'CHECKOUT' : 'CART',
			customRedirectURL: null,
			productViewStyle: i === 1 ? 'VIEW_DETAILS' : 'QUICK_ADD',
			buildABoxType: 'CLASSIC',
			singleProductSettings: null,
			subscriptionGroup: String(group.id),
			bundleTopHtml: null,
			bundleBottomHtml: null,
			proceedToCheckoutButtonText: 'Proceed to checkout',
			chooseProductsText: `Choose ${min} to ${max} products`,
			sourceProducts: [],
		};
	});
	// The coffee box is used by some active subscriptions (so deleting it is refused).
	for (const c of activeContracts.filter((x) => x.sellingPlanGroupId === subscriptionGroups[0].id).slice(0, 3)) {
		c.lines[0].customAttributes.push({ key: '_appstle-bb-id', value: bundles[0].uniqueRef });
	}

	// Product swaps.
	const vq = (p: Product, v: Variant, quantity = 1): VariantQuantity => ({
		variantId: v.id,
		quantity,
		title: `${p.title} - ${v.title}`,
		image: p.image,
		productTitle: p.title,
		productId: p.id,
		variantTitle: v.title,
		swapId: null,
	});
	const swapPairs: Array<[number, number, number, number, string]> = [
		[0, 0, 1, 0, 'Try our espresso blend'],
		[4, 0, 6, 0, 'Earl Grey to Chai'],
		[8, 0, 8, 1, 'Upgrade dog food bag size'],
		[12, 0, 12, 1, 'Multivitamin 60 to 120'],
		[2, 0, 0, 1, 'Decaf to single origin'],
	];
	const productSwaps: ProductSwap[] = swapPairs.map(([sp, sv, dp, dv, name], i) => {
		const id = counters.productSwap++;
		const src = vq(products[sp], products[sp].variants[sv]);
		const dst = { ...vq(products[dp], products[dp].variants[dv]), swapId: id };
		return {
			id,
			shop: SHOP,
			name,
			sourceVariants: [src],
			destinationVariants: [dst],
			updatedFirstOrder: i % 2 === 0,
			checkForEveryRecurringOrder: i === 2,
			changeNextOrderDateBy: i === 3 ? 7 : null,
			forBillingCycle: i === 0 ? 3 : null,
			carryDiscountForward: i !== 4,
			ruleSequence: i + 1,
			stopSwapEmails: false,
			discountCarryForward: (['PRODUCT_THEN_EXISTING', 'EXISTING_PLAN', 'NONE', 'PRODUCT_PLAN', 'NONE'] as const)[i],
		};
	});

	const deliveryProfiles: DeliveryProfile[] = [
		{
			id: counters.deliveryProfile++,
			shop: SHOP,
			deliveryProfileId: 'gid://shopify/DeliveryProfile/90210001',
			name: 'Subscription shipping',
			sellerGroupIds: subscriptionGroups.map((g) => g.id).join(','),
			methods: [
				{ id: 'gid://shopify/DeliveryMethodDefinition/700001', name: 'Standard Shipping', code: 'STANDARD', price: 4.99, currency: CURRENCY },
				{ id: 'gid://shopify/DeliveryMethodDefinition/700002', name: 'Express Shipping', code: 'EXPRESS', price: 12.5, currency: CURRENCY },
			],
		},
		{
			id: counters.deliveryProfile++,
			shop: SHOP,
			deliveryProfileId: 'gid://shopify/DeliveryProfile/90210002',
			name: 'Local pickup',
			sellerGroupIds: null,
			methods: [{ id: 'gid://shopify/DeliveryMethodDefinition/700003', name: 'Store pickup', code: 'PICKUP', price: 0, currency: CURRENCY }],
		},
	];

	const state: SandboxState = {
		seed,
		epoch,
		shop: SHOP,
		rngState: 0,
		counters,
		lastLogAt: 0,
		customers,
		products,
		contracts,
		billingAttempts,
		subscriptionGroups,
		bundles,
		productSwaps,
		oneOffs,
		activityLogs: [],
		deliveryProfiles,
		discountCodes: [
			{ code: 'WELCOME10', valueType: 'PERCENTAGE', value: 10, recurringCycleLimit: 1 },
			{ code: 'SAVE15', valueType: 'PERCENTAGE', value: 15, recurringCycleLimit: null },
			{ code: 'FIVEOFF', valueType: 'FIXED_AMOUNT', value: 5, recurringCycleLimit: 3 },
			{ code: 'VIP20', valueType: 'PERCENTAGE', value: 20, recurringCycleLimit: null },
		],
		settings: seedSettings(epoch),
		bulkJobs: {},
	};
	seedActivityLogs(state, rng);
	state.rngState = rng.state;
	return state;
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
	counters.shopifyBillingAttempt += 337;
	attempt.billingAttemptId = String(counters.shopifyBillingAttempt);
	attempt.attemptCount = status === 'FAILURE' ? rng.int(1, 3) : 1;
	attempt.attemptTime = iso(at + rng.int(60, 3600) * 1000);
	attempt.orderAmount = orderAmount(contract);
	attempt.orderAmountUSD = attempt.orderAmount;
	if (status === 'SUCCESS') {
		counters.order += 7919;
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

function seedSettings(epoch: number): Settings {
	return {
		cancellationManagement: {
			id: 11,
			shop: SHOP,
			cancellationType: 'CANCEL_IMMEDIATELY',
			cancellationInstructionsText: 'We are sorry to see you go. Tell us why you are cancelling.',
			cancellationReasonsJSON: JSON.stringify([
				{ cancellationReason: 'Too expensive', feedbackRequired: false, enabled: true, cancellationType: 'OFFER_DISCOUNT', discountPercentage: 10 },
				{ cancellationReason: 'Have too much product', feedbackRequired: false, enabled: true, cancellationType: 'PAUSE_SUBSCRIPTION', pauseDurationCycle: 1 },
				{ cancellationReason: 'Other', feedbackRequired: true, enabled: true, cancellationType: 'CANCEL_SUBSCRIPTION' },
			]),
			pauseInstructionsText: 'Pause your subscription for up to three orders.',
			pauseDurationCycle: 3,
			enableDiscountEmail: true,
			discountEmailAddress: null,
			cancellationNoteRequired: false,
			updatedAt: iso(epoch - 40 * DAY),
		},
		customerPortal: {
			id: 21,
			shop: SHOP,
			orderFrequencyText: 'Order frequency',
			totalProductsText: 'Total products',
			nextOrderText: 'Next order',
			statusText: 'Status',
			cancelSubscriptionBtnText: 'Cancel subscription',
			pauseSubscriptionText: 'Pause subscription',
			resumeSubscriptionText: 'Resume subscription',
			skipOrderButtonText: 'Skip order',
			editFrequencyBtnText: 'Edit frequency',
			updatePaymentBtnText: 'Update payment',
			addProductButtonText: 'Add product',
			swapProductBtnText: 'Swap product',
			openBadgeText: 'Active',
			pausedBadgeText: 'Paused',
			cancelledBadgeText: 'Cancelled',
			allowCustomerToChangeAddress: true,
			allowCustomerToSkipOrder: true,
			allowCustomerToPause: true,
			allowCustomerToCancel: true,
			allowCustomerToAddProduct: true,
			allowCustomerToSwapProduct: true,
			allowCustomerToChangeFrequency: true,
			minCyclesBeforeCancel: 0,
			customerPortalTheme: 'default',
			primaryColor: '#1b5e20',
			localeDate: 'MMM DD, YYYY',
		},
		bundle: {
			id: 31,
			shop: SHOP,
			selectedFrequencyLabelText: 'Delivery frequency',
			addButtonText: 'Add',
			proceedToCheckoutButtonText: 'Proceed to checkout',
			bundleRedirect: 'CART',
			selectedProductsText: 'Selected products',
			removeButtonText: 'Remove',
			buttonColor: '#1b5e20',
			buttonTextColor: '#ffffff',
			pageBackgroundColor: '#fafafa',
			productFilterEnabled: true,
		},
		customCss: {
			id: 41,
			shop: SHOP,
			customCss: '.appstle_sub_widget { border-radius: 6px; }',
			customerPoratlCSS: '.appstle_customer_portal h1 { font-weight: 600; }',
			bundlingCSS: null,
			bundlingIframeCSS: null,
		},
	};
}

/** ~300 historical entries over the 30 days before the epoch, oldest first. */
function seedActivityLogs(state: SandboxState, rng: Rng): void {
	const mix: ReadonlyArray<readonly [[string, string, string, 'SUCCESS' | 'FAILURE' | 'INFO'], number]> = [
		[['SUBSCRIPTION_BILLING_ATTEMPT', 'BILLING_ATTEMPT_TRIGGERED', 'SYSTEM_EVENT', 'SUCCESS'], 70],
		[['SUBSCRIPTION_BILLING_ATTEMPT', 'BILLING_ATTEMPT_TRIGGERED', 'SYSTEM_EVENT', 'FAILURE'], 14],
		[['SUBSCRIPTION_BILLING_ATTEMPT', 'BILLING_ATTEMPT_SKIPPED', 'CUSTOMER_PORTAL', 'SUCCESS'], 18],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'CONTRACT_CREATED', 'SHOPIFY_EVENT', 'SUCCESS'], 22],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'CONTRACT_PAUSED', 'CUSTOMER_PORTAL', 'SUCCESS'], 12],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'CONTRACT_ACTIVATED', 'MERCHANT_PORTAL', 'SUCCESS'], 8],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'CONTRACT_CANCELLED', 'CUSTOMER_PORTAL', 'SUCCESS'], 12],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'NEXT_BILLING_DATE_CHANGE', 'CUSTOMER_PORTAL', 'SUCCESS'], 20],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'PRODUCT_ADD', 'CUSTOMER_PORTAL', 'SUCCESS'], 10],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'PRODUCT_QUANTITY_CHANGE', 'CUSTOMER_PORTAL', 'SUCCESS'], 10],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'PRODUCT_REMOVE', 'MERCHANT_PORTAL', 'SUCCESS'], 5],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'SHIPPING_ADDRESS_CHANGE', 'CUSTOMER_PORTAL', 'SUCCESS'], 8],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'DISCOUNT_APPLIED', 'MERCHANT_PORTAL', 'SUCCESS'], 6],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'DELIVERY_INTERVAL_CHANGE', 'CUSTOMER_PORTAL', 'SUCCESS'], 5],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'SEND_UPCOMING_ORDER_EMAIL', 'SYSTEM_EVENT', 'INFO'], 20],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'SEND_TRANSACTION_FAILED_EMAIL', 'SYSTEM_EVENT', 'INFO'], 6],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'UPDATE_QUEUED_ATTEMPTS', 'SYSTEM_EVENT', 'INFO'], 15],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'CONTRACT_PAUSED', 'MERCHANT_EXTERNAL_API', 'SUCCESS'], 6],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'NEXT_BILLING_DATE_CHANGE', 'MERCHANT_EXTERNAL_API', 'SUCCESS'], 6],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'DUNNING_SKIPPED', 'SYSTEM_EVENT', 'INFO'], 3],
		[['SHIPPING_PROFILE', 'INFORMATIONAL_EVENT', 'MERCHANT_PORTAL', 'INFO'], 2],
		[['SUBSCRIPTION_CONTRACT_DETAILS', 'SEND_SUBSCRIPTION_MANAGEMENT_LINK', 'MERCHANT_PORTAL', 'INFO'], 2],
	];
	const times: number[] = [];
	const start = state.epoch - 30 * DAY;
	for (let i = 0; i < 300; i++) times.push(start + Math.floor(rng.next() * (30 * DAY - 120_000)));
	times.sort((a, b) => a - b);
	// A few identical timestamps in a row (one action logging two events in the same ms).
	for (let i = 10; i < times.length; i += 37) times[i] = times[i - 1];
	for (const at of times) {
		const [entityType, eventType, eventSource, status] = rng.weighted(mix);
		const contract = rng.pick(state.contracts);
		const info: Record<string, unknown> = {};
		switch (eventType) {
			case 'NEXT_BILLING_DATE_CHANGE':
				info.oldNextBillingDate = iso(at + rng.int(1, 10) * DAY);
				info.newNextBillingDate = iso(at + rng.int(11, 30) * DAY);
				break;
			case 'BILLING_ATTEMPT_TRIGGERED':
				info.orderAmount = orderAmount(contract);
				if (status === 'FAILURE') info.error = 'Your card was declined.';
				break;
			case 'PRODUCT_ADD':
			case 'PRODUCT_REMOVE':
			case 'PRODUCT_QUANTITY_CHANGE':
				info.variantId = contract.lines[0]?.variantId ?? null;
				info.quantity = contract.lines[0]?.quantity ?? 1;
				break;
			case 'CONTRACT_CANCELLED':
				info.cancellationFeedback = rng.pick(['Too expensive', 'Moving', 'Other']);
				break;
			default:
				break;
		}
		state.activityLogs.push({
			id: state.counters.activityLog++,
			shop: state.shop,
			entityId: entityType === 'SHIPPING_PROFILE' ? 90210001 : contract.contractId,
			entityType,
			eventSource,
			eventType,
			status,
			createAt: isoMillis(at),
			additionalInfo: JSON.stringify(Object.keys(info).length > 0 ? info : { subscriptionContractId: contract.contractId }),
		});
	}
	state.lastLogAt = times[times.length - 1];
}
