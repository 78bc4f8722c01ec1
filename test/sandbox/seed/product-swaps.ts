/** Product-swap rules between catalog variants. */
import type { Counters, Product, ProductSwap, Variant, VariantQuantity } from '../model';
import { SHOP } from './common';

export function seedProductSwaps(counters: Counters, products: Product[]): ProductSwap[] {
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
	return swapPairs.map(([sp, sv, dp, dv, name], i) => {
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
}
