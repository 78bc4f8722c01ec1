/**
 * Subscription groups (Shopify selling plan groups) and their selling plans.
 */
import type { Samples } from '../samples';
import { alertError, notFound } from '../problem';
import type { FrequencyInfo, Interval, ProductRef, SubscriptionGroup } from '../state';
import { frequencyDto, groupDto } from '../views';
import type { Handler, HandlerContext } from './common';
import { findVariant, json, numericId, text } from './common';

const GROUP = 'subscriptionGroup';
const INTERVALS: Interval[] = ['DAY', 'WEEK', 'MONTH', 'YEAR'];

function findGroup(ctx: HandlerContext, id: number): SubscriptionGroup {
	const g = ctx.state.subscriptionGroups.find((x) => x.id === id);
	if (!g) throw alertError(`Subscription group ${id} not found`, GROUP, 'groupnotfound');
	return g;
}

function productRef(ctx: HandlerContext, id: number): ProductRef {
	const p = ctx.state.products.find((x) => x.id === id);
	if (!p) throw alertError(`Product ${id} not found`, GROUP, 'productnotfound');
	return { id: p.id, title: p.title };
}

function variantRef(ctx: HandlerContext, id: number): ProductRef {
	const { product, variant } = findVariant(ctx.state, id);
	return { id: variant.id, title: `${product.title} - ${variant.title}` };
}

/** productIds / variantIds in a DTO: a JSON array (of ids or {id} objects) or comma-separated ids. */
function parseIdList(raw: string | null | undefined, name: string): number[] | undefined {
	if (raw === undefined || raw === null || raw.trim() === '') return undefined;
	const trimmed = raw.trim();
	if (/^\d+(\s*,\s*\d+)*$/.test(trimmed)) return trimmed.split(',').map((s) => Number(s.trim()));
	try {
		const parsed: unknown = JSON.parse(trimmed);
		if (Array.isArray(parsed)) {
			return parsed.map((item) => {
				if (typeof item === 'number') return item;
				if (typeof item === 'string' && /^\d+$|^gid:/.test(item)) return numericId(item);
				if (item && typeof item === 'object' && 'id' in item) return numericId((item as { id: string | number }).id);
				throw new Error('bad item');
			});
		}
	} catch {
		// fall through
	}
	throw alertError(`${name} must be a JSON array of ids (or of {id} objects) or comma-separated ids`, GROUP, 'invalidids');
}

function addUnique(list: ProductRef[], refs: ProductRef[]): ProductRef[] {
	const added: ProductRef[] = [];
	for (const r of refs) {
		if (!list.some((x) => x.id === r.id)) {
			list.push(r);
			added.push(r);
		}
	}
	return added;
}

type PlanInput = Partial<Record<keyof FrequencyInfo, unknown>>;

function applyPlan(plan: FrequencyInfo, input: PlanInput): void {
	const str = (k: keyof FrequencyInfo) => (typeof input[k] === 'string' ? (input[k] as string) : undefined);
	const num = (k: keyof FrequencyInfo) => (typeof input[k] === 'number' ? (input[k] as number) : undefined);
	const bool = (k: keyof FrequencyInfo) => (typeof input[k] === 'boolean' ? (input[k] as boolean) : undefined);
	const interval = (k: keyof FrequencyInfo) => {
		const v = str(k);
		if (v === undefined) return undefined;
		if (!INTERVALS.includes(v as Interval)) throw alertError(`${String(k)} must be one of ${INTERVALS.join(', ')}`, GROUP, 'invalidinterval');
		return v as Interval;
	};
	plan.frequencyName = str('frequencyName') ?? plan.frequencyName;
	if ('frequencyDescription' in input) plan.frequencyDescription = str('frequencyDescription') ?? null;
	plan.frequencyCount = num('frequencyCount') ?? plan.frequencyCount;
	plan.frequencyInterval = interval('frequencyInterval') ?? plan.frequencyInterval;
	plan.billingFrequencyCount = num('billingFrequencyCount') ?? plan.billingFrequencyCount;
	plan.billingFrequencyInterval = interval('billingFrequencyInterval') ?? plan.billingFrequencyInterval;
	plan.discountEnabled = bool('discountEnabled') ?? plan.discountEnabled;
	if ('discountOffer' in input) plan.discountOffer = num('discountOffer') ?? null;
	if ('discountType' in input) plan.discountType = (str('discountType') as FrequencyInfo['discountType']) ?? null;
	if ('minCycles' in input) plan.minCycles = num('minCycles') ?? null;
	if ('maxCycles' in input) plan.maxCycles = num('maxCycles') ?? null;
	const planType = str('planType');
	if (planType === 'PAY_AS_YOU_GO' || planType === 'PREPAID') plan.planType = planType;
}

interface GroupBody {
	id?: number | null;
	groupName?: string | null;
	subscriptionPlans?: PlanInput[] | null;
	productIds?: string | null;
	variantIds?: string | null;
}

export const groupHandlers: Record<string, Handler> = {
	getAllSubscriptionGroupsV2External(ctx) {
		return json(ctx.state.subscriptionGroups.map(groupDto));
	},

	updateSubscriptionGroupDetailsV2(ctx) {
		const body = ctx.body as GroupBody;
		const g = findGroup(ctx, body.id as number);
		const plans = body.subscriptionPlans ?? [];
		const targets = plans.map((p) => {
			const ref = (typeof p.idNew === 'string' && p.idNew) || (typeof p.id === 'string' && p.id) || undefined;
			const existing = ref ? g.plans.find((x) => x.id === ref || numericId(x.id) === numericId(ref)) : undefined;
			if (!existing) throw alertError('Only existing selling plans can be updated: each plan needs idNew (or id) of an existing plan', GROUP, 'plannotfound');
			return { existing, p };
		});
		const products = parseIdList(body.productIds, 'productIds')?.map((id) => productRef(ctx, id));
		const variants = parseIdList(body.variantIds, 'variantIds')?.map((id) => variantRef(ctx, id));
		if (body.groupName) g.groupName = body.groupName;
		for (const { existing, p } of targets) applyPlan(existing, p);
		if (products) g.products = products;
		if (variants) g.variants = variants;
		ctx.log({ entityId: g.id, entityType: 'SUBSCRIPTION_GROUP_PLAN', eventType: 'INFORMATIONAL_EVENT', status: 'INFO', additionalInfo: { action: 'SUBSCRIPTION_GROUP_UPDATED', groupName: g.groupName } });
		return json(groupDto(g));
	},

	createSubscriptionGroupV2External(ctx) {
		const body = ctx.body as GroupBody;
		if (body.id !== undefined && body.id !== null) throw alertError('A new subscription group cannot already have an ID', GROUP, 'idexists');
		if (!body.groupName) throw alertError('groupName is required', GROUP, 'groupnamenull');
		const plansIn = body.subscriptionPlans ?? [];
		if (plansIn.length === 0) throw alertError('At least one subscription plan is required', GROUP, 'noplans');
		const state = ctx.state;
		let planSeq = state.counters.sellingPlan;
		const plans = plansIn.map((p, seq) => {
			if (typeof p.frequencyName !== 'string' || typeof p.frequencyCount !== 'number' || typeof p.frequencyInterval !== 'string') {
				throw alertError('Each plan needs frequencyName, frequencyCount and frequencyInterval', GROUP, 'invalidplan');
			}
			planSeq += 7;
			const plan: FrequencyInfo = {
				id: `gid://shopify/SellingPlan/${planSeq}`,
				idNew: null,
				frequencyName: p.frequencyName,
				frequencyDescription: null,
				frequencyCount: p.frequencyCount,
				frequencyInterval: 'MONTH',
				billingFrequencyCount: p.frequencyCount,
				billingFrequencyInterval: 'MONTH',
				planType: 'PAY_AS_YOU_GO',
				discountEnabled: false,
				discountType: null,
				discountOffer: null,
				afterCycle1: 0,
				discountEnabled2: false,
				discountType2: null,
				discountOffer2: null,
				afterCycle2: 0,
				minCycles: null,
				maxCycles: null,
				freeTrialEnabled: false,
				freeTrialCount: null,
				freeTrialInterval: null,
				memberOnly: false,
				frequencySequence: seq,
				appstleCycles: [],
			};
			applyPlan(plan, { billingFrequencyInterval: p.frequencyInterval, ...p });
			return plan;
		});
		const products = (parseIdList(body.productIds, 'productIds') ?? []).map((id) => productRef(ctx, id));
		const variants = (parseIdList(body.variantIds, 'variantIds') ?? []).map((id) => variantRef(ctx, id));
		state.counters.sellingPlan = planSeq;
		state.counters.group += 11;
		const g: SubscriptionGroup = { id: state.counters.group, groupName: body.groupName, products, variants, plans };
		state.subscriptionGroups.push(g);
		ctx.log({ entityId: g.id, entityType: 'SUBSCRIPTION_GROUP_PLAN', eventType: 'INFORMATIONAL_EVENT', status: 'INFO', additionalInfo: { action: 'SUBSCRIPTION_GROUP_CREATED', groupName: g.groupName } });
		return json(groupDto(g));
	},

	deleteProductsOrVariantsV2(ctx) {
		const g = findGroup(ctx, ctx.args.int('id'));
		const products = ctx.args.numbers('productIds');
		const variants = ctx.args.numbers('variantIds');
		const all = ctx.args.bool('deleteAllProductsAndVariants', false);
		if (!all && products.length === 0 && variants.length === 0 && !ctx.args.has('collectionId')) {
			throw alertError('Give productIds, variantIds, collectionId or deleteAllProductsAndVariants=true', GROUP, 'nothingtoremove');
		}
		if (all) {
			g.products = [];
			g.variants = [];
		} else {
			g.products = g.products.filter((p) => !products.includes(p.id));
			g.variants = g.variants.filter((v) => !variants.includes(v.id));
		}
		ctx.log({ entityId: g.id, entityType: 'SUBSCRIPTION_GROUP_PLAN', eventType: 'INFORMATIONAL_EVENT', status: 'INFO', additionalInfo: { action: 'PRODUCTS_REMOVED', productIds: products, variantIds: variants, all } });
		return json(groupDto(g));
	},

	addProductsOrVariants(ctx) {
		const g = findGroup(ctx, ctx.args.int('id'));
		const productIds = ctx.args.numbers('productIds');
		const variantIds = ctx.args.numbers('variantIds');
		if (productIds.length === 0 && variantIds.length === 0) throw alertError('Give productIds or variantIds', GROUP, 'nothingtoadd');
		const products = productIds.map((id) => productRef(ctx, id));
		const variants = variantIds.map((id) => variantRef(ctx, id));
		const addedProducts = addUnique(g.products, products);
		const addedVariants = addUnique(g.variants, variants);
		ctx.log({ entityId: g.id, entityType: 'SUBSCRIPTION_GROUP_PLAN', eventType: 'INFORMATIONAL_EVENT', status: 'INFO', additionalInfo: { action: 'PRODUCTS_ADDED', productIds, variantIds } });
		if (ctx.args.bool('x-return-short-response', false)) {
			return json({ id: g.id, groupName: g.groupName, productIds: JSON.stringify(addedProducts), variantIds: JSON.stringify(addedVariants) });
		}
		return json(groupDto(g));
	},

	deleteProductsOrVariantsInAllSubscriptionGroupPlan(ctx) {
		const products = ctx.args.numbers('productIds');
		const variants = ctx.args.numbers('variantIds');
		if (products.length === 0 && variants.length === 0) throw alertError('Give productIds or variantIds', GROUP, 'nothingtoremove');
		for (const g of ctx.state.subscriptionGroups) {
			g.products = g.products.filter((p) => !products.includes(p.id));
			g.variants = g.variants.filter((v) => !variants.includes(v.id));
		}
		return text('Product Deleted Successfully');
	},

	bulkAddProductsOrVariants(ctx) {
		const g = findGroup(ctx, ctx.args.int('id'));
		const body = ctx.body as { productIds?: number[] | null; variantIds?: number[] | null };
		const productIds = body.productIds ?? [];
		const variantIds = body.variantIds ?? [];
		if (productIds.length === 0 && variantIds.length === 0) throw alertError('Give productIds or variantIds', GROUP, 'nothingtoadd');
		addUnique(g.products, productIds.map((id) => productRef(ctx, id)));
		addUnique(g.variants, variantIds.map((id) => variantRef(ctx, id)));
		ctx.log({ entityId: g.id, entityType: 'SUBSCRIPTION_GROUP_PLAN', eventType: 'INFORMATIONAL_EVENT', status: 'INFO', additionalInfo: { action: 'PRODUCTS_ADDED', productIds, variantIds, bulk: true } });
		return json(groupDto(g));
	},

	getSubscriptionGroupV2External(ctx) {
		const id = ctx.args.int('id');
		const g = ctx.state.subscriptionGroups.find((x) => x.id === id);
		if (!g) throw notFound(`Subscription group ${id} not found`);
		return json(groupDto(g));
	},

	getAllSellingPlansV2External(ctx) {
		return json(ctx.state.subscriptionGroups.flatMap((g) => g.plans.map((p) => frequencyDto(p, g.groupName))));
	},
};

/** A valid request for each handler above, on the seeded shop (sandbox.test.ts sends each one). */
export const groupSamples: Samples = {
	getAllSubscriptionGroupsV2External: () => ({}),
	updateSubscriptionGroupDetailsV2: async (f, get) => {
		const group = (await get(`subscription-groups/${f.s.subscriptionGroups[0].id}`)) as Record<string, unknown>;
		return { body: { ...group, groupName: 'Coffee Club (renamed)' } };
	},
	createSubscriptionGroupV2External: () => ({
		body: { groupName: 'Snack Club', subscriptionPlans: [{ frequencyName: 'Weekly', frequencyCount: 1, frequencyInterval: 'WEEK' }] },
	}),
	deleteProductsOrVariantsV2: (f) => ({ path: { id: f.s.subscriptionGroups[0].id }, query: { productIds: f.s.subscriptionGroups[0].products[0].id } }),
	addProductsOrVariants: (f) => ({ path: { id: f.s.subscriptionGroups[0].id }, query: { productIds: f.s.products[20].id } }),
	deleteProductsOrVariantsInAllSubscriptionGroupPlan: (f) => ({ query: { productIds: f.s.products[0].id } }),
	bulkAddProductsOrVariants: (f) => ({ path: { id: f.s.subscriptionGroups[0].id }, body: { productIds: [f.s.products[20].id], variantIds: [f.variantId] } }),
	getSubscriptionGroupV2External: (f) => ({ path: { id: f.s.subscriptionGroups[0].id } }),
	getAllSellingPlansV2External: () => ({}),
};
