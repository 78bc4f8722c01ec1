/**
 * The sandbox's in-memory shop: model types and the deterministic seed.
 *
 * Everything is plain JSON-compatible data (the random generator state included), so
 * `structuredClone` snapshots and `reset()` reproduce it exactly. The seed builders live in
 * seed/; handlers import the shared helpers from here.
 */
import type { SandboxState } from './model';
import { Rng } from './rng';
import { seedActivityLogs } from './seed/activity-logs';
import { seedBundles, tagBundleSubscribers } from './seed/bundles';
import { seedProducts, seedSubscriptionGroups } from './seed/catalog';
import { initialCounters, SHOP } from './seed/common';
import { seedContracts } from './seed/contracts';
import { seedCustomers } from './seed/customers';
import { seedOneOffs } from './seed/one-offs';
import { seedProductSwaps } from './seed/product-swaps';
import { seedDeliveryProfiles, seedDiscountCodes, seedSettings } from './seed/shop-config';

export * from './model';
export { orderAmount, queuedAttempt, variantList } from './seed/attempts';
export { sellingPlanNumericId } from './seed/catalog';
export {
	addInterval,
	CURRENCY,
	FIRST_ATTEMPT_ID,
	FIRST_CONTRACT_ID,
	FIRST_CUSTOMER_ID,
	FIRST_GROUP_ID,
	FIRST_LOG_ID,
	FIRST_PRODUCT_ID,
	FIRST_SELLING_PLAN_ID,
	FIRST_VARIANT_ID,
	iso,
	isoMillis,
	SHOP,
} from './seed/common';

export const DEFAULT_SEED = 20240122;

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

interface SeedOptions {
	seed: number;
	epoch: number;
}

/**
 * Builds the whole seeded shop. Same seed + epoch => identical state. The builders share one
 * random generator, so their order below is part of the seed: moving a call renames and
 * renumbers what tests expect.
 */
export function createState({ seed, epoch }: SeedOptions): SandboxState {
	const rng = new Rng(seed);
	const counters = initialCounters();
	const products = seedProducts();
	const subscriptionGroups = seedSubscriptionGroups(products, counters);
	const customers = seedCustomers(rng, epoch);
	const { contracts, billingAttempts } = seedContracts(rng, epoch, counters, { customers, products, subscriptionGroups });
	const oneOffs = seedOneOffs(rng, counters, contracts, billingAttempts, products);
	const bundles = seedBundles(counters, subscriptionGroups);
	tagBundleSubscribers(contracts, bundles[0]);
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
		productSwaps: seedProductSwaps(counters, products),
		oneOffs,
		activityLogs: [],
		deliveryProfiles: seedDeliveryProfiles(counters, subscriptionGroups),
		discountCodes: seedDiscountCodes(),
		settings: seedSettings(epoch),
		bulkJobs: {},
	};
	seedActivityLogs(state, rng);
	state.rngState = rng.state;
	return state;
}
