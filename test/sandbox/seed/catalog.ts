/**
 * The product catalog and the subscription groups (selling-plan groups) built on it.
 * Neither draws from the random generator: tests rely on these IDs whatever the seed.
 */
import type { Counters, FrequencyInfo, Interval, Product, SubscriptionGroup } from '../model';
import { FIRST_PRODUCT_ID, FIRST_VARIANT_ID } from './common';

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

export function seedProducts(): Product[] {
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

export function seedSubscriptionGroups(products: Product[], counters: Counters): SubscriptionGroup[] {
	return GROUP_DEFS.map((def) => {
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
}
