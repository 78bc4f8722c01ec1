/** Build-a-box bundles, one per subscription group except the last. */
import type { Bundle, Contract, Counters, SubscriptionGroup } from '../model';
import { SHOP } from './common';

export function seedBundles(counters: Counters, subscriptionGroups: SubscriptionGroup[]): Bundle[] {
	const bundleDefs: Array<[string, string, number, number, number]> = [
		['Build Your Coffee Box', 'build-your-coffee-box', 3, 6, 10],
		['Tea Lovers Sampler', 'tea-lovers-sampler', 2, 4, 15],
		['Pet Care Essentials', 'pet-care-essentials', 2, 5, 8],
	];
	return bundleDefs.map(([name, handle, min, max, discount], i) => {
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
}

/** Some active subscriptions use the bundle, so deleting it is refused (a tested error path). */
export function tagBundleSubscribers(contracts: Contract[], bundle: Bundle): void {
	const activeContracts = contracts.filter((c) => c.status === 'active');
	for (const c of activeContracts.filter((x) => x.sellingPlanGroupId === bundle.subscriptionId).slice(0, 3)) {
		c.lines[0].customAttributes.push({ key: '_appstle-bb-id', value: bundle.uniqueRef });
	}
}
