/** One-off products added to the next queued order of some active contracts. */
import type { BillingAttempt, Contract, Counters, OneOff, Product } from '../model';
import type { Rng } from '../rng';
import { SHOP } from './common';

export function seedOneOffs(
	rng: Rng,
	counters: Counters,
	contracts: Contract[],
	billingAttempts: BillingAttempt[],
	products: Product[],
): OneOff[] {
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
	return oneOffs;
}
