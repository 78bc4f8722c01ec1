/**
 * Subscription contract endpoints (status, dates, intervals, address, delivery,
 * payment, split / replace / create, listing and raw views).
 */
import { future, type Samples } from '../samples';
import { alertError, ApiError } from '../problem';
import { pagingHeaders, slicePage, sortBy } from '../paging';
import type { Attribute, Contract, Interval } from '../state';
import { addInterval, iso, newLineId, orderAmount, queuedAttempt, variantList } from '../state';
import { contractDetails, customerOf, orderTotal, shopifyContract } from '../views';
import type { Handler, HandlerContext } from './common';
import {
	empty,
	findContract,
	findCustomer,
	findVariant,
	json,
	newLine,
	numericId,
	queuedOf,
	requireLine,
	requireMutable,
	respaceQueue,
	setStatus,
	syncQueue,
	touch,
} from './common';

function contractResponse(ctx: HandlerContext, c: Contract) {
	return json(shopifyContract(ctx.state, c));
}

function loadMutable(ctx: HandlerContext, name = 'contractId'): Contract {
	const c = findContract(ctx.state, ctx.args.int(name));
	requireMutable(c);
	return c;
}

function positiveCount(value: number, name: string): void {
	if (value < 1) throw alertError(`${name} must be at least 1`, 'subscriptionContractDetails', 'invalidcount');
}

interface AddressBody {
	address1?: string | null;
	address2?: string | null;
	city?: string | null;
	firstName?: string | null;
	lastName?: string | null;
	phone?: string | null;
	province?: string | null;
	zip?: string | null;
	country?: string | null;
	countryCode?: string | null;
	provinceCode?: string | null;
	company?: string | null;
	locationId?: string | null;
	methodType?: string | null;
}

interface NoteAttributesBody {
	subscriptionContractId?: number | null;
	customAttributesList?: Array<{ key?: string | null; value?: string | null }> | null;
}

interface ReplaceBody {
	shop: string;
	contractId: number;
	oldVariants?: number[] | null;
	newVariants?: Record<string, number> | null;
	quantity?: number | null;
	oldLineId?: string | null;
	eventSource?: string | null;
	carryForwardDiscount?: boolean | null;
}

interface CreateBody {
	customerId: string;
	paymentMethodId: string;
	status: 'ACTIVE' | 'PAUSED' | 'CANCELLED' | 'EXPIRED' | 'FAILED';
	nextBillingDate: string;
	billingIntervalType: Interval;
	billingIntervalCount: number;
	maxCycles?: number | null;
	minCycles?: number | null;
	deliveryIntervalType?: Interval | null;
	deliveryIntervalCount?: number | null;
	deliveryFirstName?: string | null;
	deliveryLastName?: string | null;
	deliveryAddress1?: string | null;
	deliveryAddress2?: string | null;
	deliveryProvinceCode?: string | null;
	deliveryCity?: string | null;
	deliveryZip?: string | null;
	deliveryCountryCode?: string | null;
	deliveryPhone?: string | null;
	deliveryPriceAmount?: number | null;
	currencyCode?: string | null;
	lines?: Array<{
		variantId: string;
		quantity: number;
		productId?: string | null;
		sellingPlanId?: string | null;
		currentPrice?: number | null;
		unitPrice?: number | null;
		customAttributes?: Array<{ key?: string | null; value?: string | null }> | null;
	}> | null;
}

function attrs(list: Array<{ key?: string | null; value?: string | null }> | null | undefined): Attribute[] {
	return (list ?? []).map((a) => ({ key: a.key ?? '', value: a.value ?? '' }));
}

const STATUS_EVENT: Record<string, string> = {
	active: 'CONTRACT_ACTIVATED',
	paused: 'CONTRACT_PAUSED',
	cancelled: 'CONTRACT_CANCELLED',
};

export const contractHandlers: Record<string, Handler> = {
	updateDeliveryPrice(ctx) {
		const c = loadMutable(ctx);
		const price = ctx.args.num('deliveryPrice');
		if (price < 0) throw alertError('Delivery price cannot be negative', 'subscriptionContractDetails', 'invaliddeliveryprice');
		const old = c.deliveryPrice;
		c.deliveryPrice = price;
		touch(c, ctx.nowMs);
		ctx.log({ entityId: c.contractId, eventType: 'MANUAL_DELIVERY_PRICE_UPDATED', additionalInfo: { oldDeliveryPrice: old, newDeliveryPrice: price } });
		return contractResponse(ctx, c);
	},

	updateStatusV2(ctx) {
		const c = findContract(ctx.state, ctx.args.int('contractId'));
		const target = ctx.args.str('status').toLowerCase() as Contract['status'];
		const headers = { 'X-subscriptionApp-alert': 'subscriptionApp.subscriptionContractDetails.updated' };
		if (c.status === target) return empty(204, headers);
		if (c.status === 'cancelled') {
			throw alertError('A cancelled subscription contract cannot be reactivated or paused', 'subscriptionContractDetails', 'contractcancelled');
		}
		const old = c.status;
		setStatus(ctx.state, c, target, ctx.nowMs);
		ctx.log({ entityId: c.contractId, eventType: STATUS_EVENT[target], additionalInfo: { oldStatus: old, newStatus: target } });
		return empty(204, headers);
	},

	updateShippingAddressV2(ctx) {
		const c = loadMutable(ctx);
		const body = ctx.body as AddressBody;
		const methods: Record<string, Contract['deliveryMethod']['type']> = {
			SHIPPING: 'SHIPPING',
			LOCAL: 'LOCAL_DELIVERY',
			LOCAL_DELIVERY: 'LOCAL_DELIVERY',
			PICK_UP: 'PICK_UP',
			PICKUP: 'PICK_UP',
		};
		if (body.methodType && !methods[body.methodType]) {
			throw alertError(`Unknown delivery method type ${body.methodType}`, 'subscriptionContractDetails', 'invalidmethodtype');
		}
		const old = { ...c.shippingAddress };
		const a = c.shippingAddress;
		for (const key of ['address1', 'address2', 'city', 'firstName', 'lastName', 'phone', 'province', 'zip', 'country', 'countryCode', 'provinceCode', 'company'] as const) {
			const v = body[key];
			if (v !== undefined && v !== null) (a as unknown as Record<string, string | null>)[key] = v;
		}
		if (body.methodType) c.deliveryMethod = { ...c.deliveryMethod, type: methods[body.methodType], locationId: body.locationId ?? null };
		touch(c, ctx.nowMs);
		ctx.log({ entityId: c.contractId, eventType: 'SHIPPING_ADDRESS_CHANGE', additionalInfo: { oldAddress: old, newAddress: a } });
		return contractResponse(ctx, c);
	},

	updateOrderNoteV2(ctx) {
		const c = loadMutable(ctx);
		const old = c.orderNote;
		c.orderNote = ctx.args.str('orderNote');
		touch(c, ctx.nowMs);
		ctx.log({ entityId: c.contractId, eventType: 'SUBSCRIPTION_CONTRACT_UPDATED', additionalInfo: { field: 'orderNote', oldValue: old, newValue: c.orderNote } });
		return json(true);
	},

	updateMinCyclesV2(ctx) {
		const c = loadMutable(ctx);
		const min = ctx.args.optInt('minCycles') ?? null;
		if (min !== null && min < 1) throw alertError('Minimum cycles must be at least 1', 'subscriptionContractDetails', 'invalidmincycles');
		if (min !== null && c.maxCycles !== null && min > c.maxCycles) {
			throw alertError('Minimum cycles cannot be greater than maximum cycles', 'subscriptionContractDetails', 'invalidmincycles');
		}
		const old = c.minCycles;
		c.minCycles = min;
		touch(c, ctx.nowMs);
		ctx.log({ entityId: c.contractId, eventType: 'SUBSCRIPTION_CONTRACT_UPDATED', additionalInfo: { field: 'minCycles', oldValue: old, newValue: min } });
		return contractResponse(ctx, c);
	},

	updateMaxCyclesV2(ctx) {
		const c = loadMutable(ctx);
		const max = ctx.args.optInt('maxCycles') ?? null;
		if (max !== null && max < 1) throw alertError('Maximum cycles must be at least 1', 'subscriptionContractDetails', 'invalidmaxcycles');
		if (max !== null && c.minCycles !== null && max < c.minCycles) {
			throw alertError('Maximum cycles cannot be less than minimum cycles', 'subscriptionContractDetails', 'invalidmaxcycles');
		}
		const old = c.maxCycles;
		c.maxCycles = max;
		touch(c, ctx.nowMs);
		ctx.log({ entityId: c.contractId, eventType: 'SUBSCRIPTION_CONTRACT_UPDATED', additionalInfo: { field: 'maxCycles', oldValue: old, newValue: max } });
		return contractResponse(ctx, c);
	},

	updateDeliveryMethod(ctx) {
		const c = loadMutable(ctx);
		const ref = ctx.args.optStr('delivery-method-id');
		const old = { ...c.deliveryMethod };
		if (ref) {
			const id = numericId(ref);
			const method = ctx.state.deliveryProfiles.flatMap((p) => p.methods).find((m) => numericId(m.id) === id);
			if (!method) throw alertError(`Delivery method ${ref} not found`, 'subscriptionContractDetails', 'deliverymethodnotfound');
			c.deliveryMethod = {
				type: method.code === 'PICKUP' ? 'PICK_UP' : 'SHIPPING',
				title: method.name,
				code: method.code,
				presentmentTitle: method.name,
				locationId: null,
			};
			c.deliveryPrice = method.price;
		} else {
			const fields = {
				title: ctx.args.str('delivery-method-title'),
				code: ctx.args.str('delivery-method-code'),
				presentmentTitle: ctx.args.str('delivery-method-presentment-title'),
			};
			for (const [k, v] of Object.entries(fields)) {
				if (v.length > 255) throw alertError(`delivery-method-${k} must be at most 255 characters`, 'subscriptionContractDetails', 'toolong');
			}
			c.deliveryMethod = { ...c.deliveryMethod, ...fields };
		}
		touch(c, ctx.nowMs);
		ctx.log({ entityId: c.contractId, eventType: 'DELIVERY_METHOD_UPDATED', additionalInfo: { oldDeliveryMethod: old, newDeliveryMethod: c.deliveryMethod } });
		return contractResponse(ctx, c);
	},

	updateDeliveryIntervalV2(ctx) {
		const c = loadMutable(ctx);
		const count = ctx.args.int('deliveryIntervalCount');
		const interval = ctx.args.str('deliveryInterval') as Interval;
		positiveCount(count, 'deliveryIntervalCount');
		if (c.deliveryInterval === interval && c.deliveryIntervalCount === count) {
			throw alertError('The new delivery interval is the same as the current one', 'subscriptionContractDetails', 'sameinterval');
		}
		const old = { interval: c.deliveryInterval, intervalCount: c.deliveryIntervalCount };
		c.deliveryInterval = interval;
		c.deliveryIntervalCount = count;
		touch(c, ctx.nowMs);
		ctx.log({ entityId: c.contractId, eventType: 'DELIVERY_INTERVAL_CHANGE', additionalInfo: { oldDeliveryInterval: old, newDeliveryInterval: { interval, intervalCount: count } } });
		return contractResponse(ctx, c);
	},

	updateOrderNoteAttributes(ctx) {
		const body = ctx.body as NoteAttributesBody;
		if (body.subscriptionContractId === undefined || body.subscriptionContractId === null) {
			throw alertError('Invalid id', 'subscriptionContractDetails', 'idnull');
		}
		const c = findContract(ctx.state, body.subscriptionContractId);
		requireMutable(c);
		const old = c.customAttributes;
		c.customAttributes = attrs(body.customAttributesList);
		touch(c, ctx.nowMs);
		ctx.log({ entityId: c.contractId, eventType: 'SUBSCRIPTION_CONTRACT_UPDATED', additionalInfo: { field: 'customAttributes', oldValue: old, newValue: c.customAttributes } });
		return empty(200);
	},

	splitExistingContract(ctx) {
		const c = loadMutable(ctx);
		const lineIds = ctx.body as string[];
		if (lineIds.length === 0) throw alertError('At least one line id is required', 'subscriptionContractDetails', 'nolines');
		const lines = lineIds.map((id) => requireLine(c, id));
		const move = ctx.args.bool('isSplitContract', false);
		if (move && lines.length >= c.lines.length) {
			throw alertError('Cannot move every line out of the original contract', 'subscriptionContractDetails', 'alllines');
		}
		const state = ctx.state;
		state.counters.contract += 10_007;
		const copy: Contract = JSON.parse(JSON.stringify(c)) as Contract;
		copy.id = state.counters.appstleContract++;
		copy.contractId = state.counters.contract;
		copy.createdAt = iso(ctx.nowMs);
		copy.updatedAt = iso(ctx.nowMs);
		copy.activatedOn = iso(ctx.nowMs);
		copy.status = 'active';
		copy.pausedOn = null;
		copy.lines = lines.map((l) => ({ ...(JSON.parse(JSON.stringify(l)) as typeof l), id: newLineId(state) }));
		copy.discounts = [];
		copy.originType = 'SPLIT';
		copy.customAttributes = [
			...copy.customAttributes.filter((a) => !a.key.startsWith('_origin')),
			{ key: '_origin_type', value: 'SPLIT_CONTRACT' },
			{ key: '_original_contract_id', value: String(c.contractId) },
		];
		state.contracts.push(copy);
		if (move) c.lines = c.lines.filter((l) => !lineIds.includes(l.id));
		touch(c, ctx.nowMs);
		syncQueue(state, copy, ctx.nowMs);
		if (ctx.args.bool('attemptBilling', false)) {
			const first = queuedOf(state, copy.contractId)[0];
			chargeNow(ctx, copy, first.id);
		}
		ctx.log({ entityId: c.contractId, eventType: 'SPLIT_CONTRACT', additionalInfo: { newContractId: copy.contractId, lineIds, moved: move } });
		ctx.log({ entityId: copy.contractId, eventType: 'CONTRACT_CREATED', additionalInfo: { originalContractId: c.contractId } });
		return contractResponse(ctx, copy);
	},

	replaceVariantsV3(ctx) {
		const body = ctx.body as ReplaceBody;
		const c = findContract(ctx.state, body.contractId);
		requireMutable(c);
		const oldVariants = body.oldVariants ?? [];
		const newEntries = Object.entries(body.newVariants ?? {});
		if (oldVariants.length === 0 && !body.oldLineId && newEntries.length === 0) {
			throw alertError('Nothing to replace: give oldVariants / oldLineId and newVariants', 'subscriptionContractDetails', 'nothingtoreplace');
		}
		const removeIds = new Set<string>();
		if (body.oldLineId) removeIds.add(requireLine(c, body.oldLineId).id);
		for (const vid of oldVariants) {
			const line = c.lines.find((l) => l.variantId === vid);
			if (!line) throw alertError(`Variant ${vid} is not part of contract ${c.contractId}`, 'subscriptionContractDetails', 'variantnotincontract');
			removeIds.add(line.id);
		}
		const additions = newEntries.map(([vid, qty]) => ({ ...findVariant(ctx.state, vid), qty: body.quantity ?? qty }));
		if (removeIds.size >= c.lines.length && additions.length === 0) {
			throw alertError('A subscription contract needs at least one line', 'subscriptionContractDetails', 'nolines');
		}
		const removed = c.lines.filter((l) => removeIds.has(l.id));
		const keptDiscount = body.carryForwardDiscount ? removed[0] : undefined;
		c.lines = c.lines.filter((l) => !removeIds.has(l.id));
		for (const { product, variant, qty } of additions) {
			const line = newLine(ctx.state, c, product, variant, Math.max(1, qty));
			if (keptDiscount && keptDiscount.basePrice > 0) {
				line.price = Math.round(variant.price * (keptDiscount.price / keptDiscount.basePrice) * 100) / 100;
			}
			c.lines.push(line);
		}
		touch(c, ctx.nowMs);
		ctx.log({
			entityId: c.contractId,
			eventType: 'PRODUCT_REPLACE',
			eventSource: body.eventSource ?? 'MERCHANT_EXTERNAL_API',
			additionalInfo: {
				oldVariants: removed.map((l) => l.variantId),
				newVariants: Object.fromEntries(additions.map((a) => [a.variant.id, a.qty])),
			},
		});
		return contractResponse(ctx, c);
	},

	createSubscriptionContractV2(ctx) {
		const body = ctx.body as CreateBody;
		const state = ctx.state;
		const customer = findCustomer(state, numericId(body.customerId));
		const pm = customer.paymentMethods.find((p) => p.id === body.paymentMethodId);
		if (!pm) throw alertError('Payment method does not belong to this customer', 'subscriptionContract', 'invalidpaymentmethod');
		if (pm.revokedAt) throw alertError('Payment method has been revoked', 'subscriptionContract', 'revokedpaymentmethod');
		if (!['ACTIVE', 'PAUSED'].includes(body.status)) {
			throw alertError(`A new contract cannot start with status ${body.status}`, 'subscriptionContract', 'invalidstatus');
		}
		const next = Date.parse(body.nextBillingDate);
		if (next <= ctx.nowMs) throw alertError('Next billing date must be in the future', 'subscriptionContract', 'invaliddate');
		positiveCount(body.billingIntervalCount, 'billingIntervalCount');
		const lines = body.lines ?? [];
		if (lines.length === 0) throw alertError('At least one line is required', 'subscriptionContract', 'nolines');
		const resolved = lines.map((l) => ({ ...findVariant(state, l.variantId), line: l }));
		state.counters.contract += 10_007;
		state.counters.order += 7919;
		state.counters.orderName += 1;
		const address = customer.address;
		const c: Contract = {
			id: state.counters.appstleContract++,
			contractId: state.counters.contract,
			customerId: customer.id,
			status: body.status === 'PAUSED' ? 'paused' : 'active',
			createdAt: iso(ctx.nowMs),
			updatedAt: iso(ctx.nowMs),
			nextBillingDate: iso(next),
			billingInterval: body.billingIntervalType,
			billingIntervalCount: body.billingIntervalCount,
			deliveryInterval: body.deliveryIntervalType ?? body.billingIntervalType,
			deliveryIntervalCount: body.deliveryIntervalCount ?? body.billingIntervalCount,
			minCycles: body.minCycles ?? null,
			maxCycles: body.maxCycles ?? null,
			currencyCode: body.currencyCode ?? 'USD',
			deliveryPrice: body.deliveryPriceAmount ?? 0,
			lines: [],
			discounts: [],
			customAttributes: [],
			orderNote: null,
			shippingAddress: {
				firstName: body.deliveryFirstName ?? address.firstName,
				lastName: body.deliveryLastName ?? address.lastName,
				address1: body.deliveryAddress1 ?? address.address1,
				address2: body.deliveryAddress2 ?? address.address2,
				city: body.deliveryCity ?? address.city,
				province: body.deliveryProvinceCode ?? address.province,
				provinceCode: body.deliveryProvinceCode ?? address.provinceCode,
				zip: body.deliveryZip ?? address.zip,
				country: address.country,
				countryCode: body.deliveryCountryCode ?? address.countryCode,
				phone: body.deliveryPhone ?? address.phone,
				company: address.company,
			},
			deliveryMethod: { type: 'SHIPPING', title: 'Standard Shipping', code: 'STANDARD', presentmentTitle: 'Standard Shipping', locationId: null },
			paymentMethodId: pm.id,
			originOrderId: state.counters.order,
			originOrderName: `#${state.counters.orderName}`,
			planType: 'non-prepaid',
			importedId: null,
			originType: 'API',
			cancellationFeedback: null,
			cancellationNote: null,
			activatedOn: iso(ctx.nowMs),
			pausedOn: body.status === 'PAUSED' ? iso(ctx.nowMs) : null,
			cancelledOn: null,
			lastPaymentStatus: null,
			sellingPlanGroupId: null,
			hidden: false,
		};
		for (const { product, variant, line } of resolved) {
			const l = newLine(state, c, product, variant, line.quantity, line.currentPrice ?? line.unitPrice ?? undefined);
			l.customAttributes = attrs(line.customAttributes);
			if (line.sellingPlanId) {
				l.sellingPlanId = numericId(line.sellingPlanId);
				const plan = state.subscriptionGroups.flatMap((g) => g.plans).find((p) => numericId(p.id) === l.sellingPlanId);
				l.sellingPlanName = plan?.frequencyName ?? null;
			}
			c.lines.push(l);
		}
		state.contracts.push(c);
		syncQueue(state, c, ctx.nowMs);
		ctx.log({ entityId: c.contractId, eventType: 'CONTRACT_CREATED', additionalInfo: { customerId: customer.id, status: c.status } });
		const id = `gid://shopify/SubscriptionContract/${c.contractId}`;
		return json(shopifyContract(state, c), 201, {
			Location: `/api/subscription-contract-details/${encodeURIComponent(id)}`,
			'X-subscriptionApp-alert': 'subscriptionApp.subscriptionContract.created',
			'X-subscriptionApp-params': id,
		});
	},

	getSubscriptionContractRawExternalV2(ctx) {
		return contractResponse(ctx, findContract(ctx.state, ctx.args.int('contractId')));
	},

	getSubscriptionFulfillmentsExternalV2(ctx) {
		const c = findContract(ctx.state, ctx.args.int('contractId'));
		const orders = ctx.state.billingAttempts.filter((a) => a.contractId === c.contractId && a.status === 'SUCCESS');
		const last = orders[orders.length - 1];
		if (!last || last.orderId === null) return empty(200);
		const fulfilled = last.orderDisplayFulfillmentStatus === 'FULFILLED';
		return json({
			__typename: 'Order',
			id: last.graphOrderId,
			name: last.orderName,
			createdAt: last.attemptTime,
			displayFulfillmentStatus: last.orderDisplayFulfillmentStatus,
			fulfillments: fulfilled
				? [
						{
							__typename: 'Fulfillment',
							id: `gid://shopify/Fulfillment/${last.orderId + 1}`,
							status: 'SUCCESS',
							createdAt: last.attemptTime,
							displayStatus: 'DELIVERED',
							trackingInfo: [
								{ __typename: 'FulfillmentTrackingInfo', company: 'USPS', number: `9400${last.orderId}`, url: `https://tools.usps.com/go/TrackConfirmAction?tLabels=9400${last.orderId}` },
							],
						},
					]
				: [],
			fulfillmentOrders: {
				__typename: 'FulfillmentOrderConnection',
				nodes: [{ __typename: 'FulfillmentOrder', id: `gid://shopify/FulfillmentOrder/${last.orderId + 2}`, status: fulfilled ? 'CLOSED' : 'OPEN' }],
			},
		});
	},

	getCurrentCycleOfSubscriptionContractV2(ctx) {
		const c = findContract(ctx.state, ctx.args.int('contractId'));
		const successes = ctx.state.billingAttempts.filter((a) => a.contractId === c.contractId && a.status === 'SUCCESS').length;
		return json(1 + successes);
	},

	getSubscriptionContractBillingInterval(ctx) {
		const wanted = ctx.args.strings('sellingPlanIds');
		const out: unknown[] = [];
		for (const g of ctx.state.subscriptionGroups) {
			const hit = g.plans.some((p) => wanted.some((w) => w === p.id || w === String(numericId(p.id))));
			if (hit) for (const p of g.plans) out.push({ ...p, appstleCycles: [...p.appstleCycles], groupName: g.groupName });
		}
		return json(out);
	},

	getSubscriptionContractAnalyticsByContractIdExternalV2(ctx) {
		const c = findContract(ctx.state, Number(ctx.args.str('contractId')));
		const orders = ctx.state.billingAttempts.filter((a) => a.contractId === c.contractId && a.status === 'SUCCESS');
		const amount = Math.round(orders.reduce((s, a) => s + (a.orderAmount ?? 0), 0) * 100) / 100;
		return json({ totalOrderCount: orders.length, totalOrderAmount: amount, totalOrderRevenue: `$${amount.toFixed(2)}` });
	},

	getContractDeliveryOptions(ctx) {
		findContract(ctx.state, ctx.args.int('contractId'));
		const all = ctx.args.bool('X-Include-All-Methods', false);
		const profiles = all ? ctx.state.deliveryProfiles : ctx.state.deliveryProfiles.slice(0, 1);
		return json(
			profiles.map((p) => ({
				profileId: p.deliveryProfileId,
				profileName: p.name,
				methods: p.methods.map((m) => ({ id: m.id, name: m.name, code: m.code, price: m.price, currency: m.currency })),
			})),
		);
	},

	updatePaymentMethodV2(ctx) {
		const c = loadMutable(ctx);
		ctx.log({ entityId: c.contractId, eventType: 'INFORMATIONAL_EVENT', status: 'INFO', additionalInfo: { action: 'PAYMENT_METHOD_UPDATE_EMAIL_SENT', customerId: c.customerId } });
		return json({ message: 'Payment method update email sent successfully' });
	},

	updateExistingPaymentMethodV2(ctx) {
		const c = loadMutable(ctx);
		const id = ctx.args.str('paymentMethodId');
		const customer = customerOf(ctx.state, c);
		const pm = customer.paymentMethods.find((p) => p.id === id);
		if (!pm) throw alertError('Payment method not found for this customer', 'subscriptionContractDetails', 'paymentmethodnotfound');
		if (pm.revokedAt) {
			throw new ApiError(422, 'Payment method has been revoked', { detail: `Payment method ${id} was revoked at ${pm.revokedAt} and cannot be used` });
		}
		const old = c.paymentMethodId;
		c.paymentMethodId = id;
		touch(c, ctx.nowMs);
		ctx.log({ entityId: c.contractId, eventType: 'PAYMENT_METHOD_UPDATED', additionalInfo: { oldPaymentMethodId: old, newPaymentMethodId: id } });
		return json({ message: 'Payment method updated successfully' });
	},

	updateFrequencyBySellingPlanV2(ctx) {
		const c = loadMutable(ctx);
		const planId = ctx.args.int('sellingPlanId');
		const plan = ctx.state.subscriptionGroups.flatMap((g) => g.plans).find((p) => numericId(p.id) === planId);
		if (!plan) throw alertError(`Selling plan ${planId} not found`, 'subscriptionContractDetails', 'sellingplannotfound');
		const old = { interval: c.billingInterval, intervalCount: c.billingIntervalCount };
		c.billingInterval = plan.billingFrequencyInterval;
		c.billingIntervalCount = plan.billingFrequencyCount;
		c.deliveryInterval = plan.frequencyInterval;
		c.deliveryIntervalCount = plan.frequencyCount;
		c.planType = plan.planType === 'PREPAID' ? 'prepaid' : 'non-prepaid';
		for (const l of c.lines) {
			l.sellingPlanId = planId;
			l.sellingPlanName = plan.frequencyName;
		}
		touch(c, ctx.nowMs);
		respaceQueue(ctx.state, c);
		ctx.log({ entityId: c.contractId, eventType: 'BILLING_INTERVAL_CHANGE', additionalInfo: { oldBillingInterval: old, newBillingInterval: { interval: c.billingInterval, intervalCount: c.billingIntervalCount }, sellingPlanId: planId } });
		return contractResponse(ctx, c);
	},

	getAllSubscriptionContractDetails(ctx) {
		const a = ctx.args;
		const state = ctx.state;
		const range = (from: string, to: string, get: (c: Contract) => string) => {
			const f = a.optStr(from);
			const t = a.optStr(to);
			return (c: Contract) => (!f || Date.parse(get(c)) >= Date.parse(f)) && (!t || Date.parse(get(c)) <= Date.parse(t));
		};
		const like = (name: string, get: (c: Contract) => string[]) => {
			const v = a.optStr(name);
			return (c: Contract) => v === undefined || v === '' || get(c).some((x) => x.toLowerCase().includes(v.toLowerCase()));
		};
		const filters: Array<(c: Contract) => boolean> = [
			(c) => !c.hidden,
			range('fromCreatedDate', 'toCreatedDate', (c) => c.createdAt),
			range('fromUpdatedDate', 'toUpdatedDate', (c) => c.updatedAt),
			a.has('fromNextDate') && a.has('toNextDate') ? range('fromNextDate', 'toNextDate', (c) => c.nextBillingDate) : () => true,
			like('subscriptionContractId', (c) => [String(c.contractId)]),
			like('customerName', (c) => {
				const cu = customerOf(state, c);
				return [`${cu.firstName} ${cu.lastName}`, cu.email];
			}),
			like('orderName', (c) => [c.originOrderName]),
			like('status', (c) => [c.status]),
		];
		const count = a.optInt('billingPolicyIntervalCount');
		if (count !== undefined) filters.push((c) => c.deliveryIntervalCount === count);
		const interval = a.optStr('billingPolicyInterval');
		if (interval) filters.push((c) => c.deliveryInterval.toLowerCase() === interval.toLowerCase());
		const planType = a.optStr('planType');
		if (planType) filters.push((c) => c.planType === planType);
		const recordType = a.optStr('recordType');
		if (recordType) filters.push((c) => (c.importedId !== null) === (recordType === 'imported'));
		const productId = a.optInt('productId');
		if (productId !== undefined) filters.push((c) => c.lines.some((l) => l.productId === productId));
		const variantId = a.optInt('variantId');
		if (variantId !== undefined) filters.push((c) => c.lines.some((l) => l.variantId === variantId));
		const planId = a.optInt('sellingPlanId');
		if (planId !== undefined) filters.push((c) => c.lines.some((l) => l.sellingPlanId === planId));
		const min = a.optNum('minOrderAmount');
		if (min !== undefined) filters.push((c) => orderTotal(c) >= min);
		const max = a.optNum('maxOrderAmount');
		if (max !== undefined) filters.push((c) => orderTotal(c) <= max);
		const customerId = a.optInt('customerId');
		if (customerId !== undefined) filters.push((c) => c.customerId === customerId);

		const paging = ctx.paging ?? { page: 0, size: 20, sort: [] };
		const matched = state.contracts.filter((c) => filters.every((f) => f(c)));
		const sorted = sortBy(matched, paging.sort.length > 0 ? paging.sort : [{ property: 'id', direction: 'asc' }], {
			created_at: (c) => Date.parse(c.createdAt),
			updated_at: (c) => Date.parse(c.updatedAt),
			next_billing_date: (c) => Date.parse(c.nextBillingDate),
			subscription_contract_id: (c) => c.contractId,
			order_amount: (c) => orderTotal(c),
			customer_name: (c) => {
				const cu = customerOf(state, c);
				return `${cu.firstName} ${cu.lastName}`;
			},
			id: (c) => c.id,
			status: (c) => c.status,
		});
		const page = slicePage(sorted, paging).map((c) => contractDetails(state, c));
		return json(page, 200, pagingHeaders(ctx.baseUrl, ctx.pathname, ctx.rawQuery, paging, matched.length));
	},

	getContractRawResponse(ctx) {
		const c = findContract(ctx.state, ctx.args.int('contractId'));
		return json({ subscriptionContract: shopifyContract(ctx.state, c, 'edges') });
	},

	deleteSubscriptionContractV2(ctx) {
		const c = findContract(ctx.state, ctx.args.int('id'));
		if (c.status === 'cancelled') throw alertError('Subscription contract is already cancelled', 'subscriptionContractDetails', 'alreadycancelled');
		const old = c.status;
		c.cancellationFeedback = ctx.args.optStr('cancellationFeedback') ?? c.cancellationFeedback;
		c.cancellationNote = ctx.args.optStr('cancellationNote') ?? c.cancellationNote;
		setStatus(ctx.state, c, 'cancelled', ctx.nowMs);
		ctx.log({
			entityId: c.contractId,
			eventType: 'CONTRACT_CANCELLED',
			additionalInfo: { oldStatus: old, cancellationFeedback: c.cancellationFeedback, cancellationNote: c.cancellationNote },
		});
		return empty(204, { 'X-subscriptionApp-alert': 'subscriptionApp.subscriptionContractDetails.deleted' });
	},

	updateBillingIntervalV2(ctx) {
		const c = loadMutable(ctx);
		const count = ctx.args.int('intervalCount');
		positiveCount(count, 'intervalCount');
		const old = { interval: c.billingInterval, intervalCount: c.billingIntervalCount };
		c.billingInterval = ctx.args.str('interval') as Interval;
		c.billingIntervalCount = count;
		touch(c, ctx.nowMs);
		respaceQueue(ctx.state, c);
		ctx.log({ entityId: c.contractId, eventType: 'BILLING_INTERVAL_CHANGE', additionalInfo: { oldBillingInterval: old, newBillingInterval: { interval: c.billingInterval, intervalCount: count } } });
		return contractResponse(ctx, c);
	},

	updateNextBillingDateV2(ctx) {
		const c = loadMutable(ctx);
		const raw = ctx.args.str('nextBillingDate');
		const at = Date.parse(raw);
		if (at <= ctx.nowMs) throw alertError('Next billing date must be in the future', 'subscriptionContractDetails', 'invaliddate');
		const old = c.nextBillingDate;
		const queue = queuedOf(ctx.state, c.contractId);
		if (queue.length > 0) {
			queue[0].billingDate = iso(at);
			// Later orders follow the moved one, on the contract's interval.
			if (ctx.args.bool('rescheduleFutureOrder', true)) {
				let next = at;
				for (const attempt of queue.slice(1)) {
					next = addInterval(next, c.billingInterval, c.billingIntervalCount);
					attempt.billingDate = iso(next);
				}
			}
		}
		c.nextBillingDate = iso(at);
		touch(c, ctx.nowMs);
		syncQueue(ctx.state, c, ctx.nowMs);
		ctx.log({ entityId: c.contractId, eventType: 'NEXT_BILLING_DATE_CHANGE', additionalInfo: { oldNextBillingDate: old, newNextBillingDate: c.nextBillingDate } });
		return contractResponse(ctx, c);
	},
};

/** A valid request for each handler above, on the seeded shop (sandbox.test.ts sends each one). */
export const contractSamples: Samples = {
	updateDeliveryPrice: (f) => ({ query: { contractId: f.c.contractId, deliveryPrice: 5.5 } }),
	updateStatusV2: (f) => ({ query: { contractId: f.c.contractId, status: 'PAUSED' } }),
	updateShippingAddressV2: (f) => ({ query: { contractId: f.c.contractId }, body: { address1: '1 Main St', city: 'Springfield', zip: '12345', countryCode: 'US' } }),
	updateOrderNoteV2: (f) => ({ path: { contractId: f.c.contractId }, query: { orderNote: 'Leave at the door' } }),
	updateMinCyclesV2: (f) => ({ query: { contractId: f.c.contractId, minCycles: 1 } }),
	updateMaxCyclesV2: (f) => ({ query: { contractId: f.c.contractId, maxCycles: 24 } }),
	updateDeliveryMethod: (f) => ({
		query: { contractId: f.c.contractId, 'delivery-method-title': 'Express', 'delivery-method-code': 'EXPRESS', 'delivery-method-presentment-title': 'Express' },
	}),
	updateDeliveryIntervalV2: (f) => ({
		query: { contractId: f.c.contractId, deliveryInterval: 'WEEK', deliveryIntervalCount: f.c.deliveryInterval === 'WEEK' && f.c.deliveryIntervalCount === 3 ? 5 : 3 },
	}),
	updateOrderNoteAttributes: (f) => ({ body: { subscriptionContractId: f.c.contractId, customAttributesList: [{ key: 'gift', value: 'yes' }] } }),
	splitExistingContract: (f) => ({ query: { contractId: f.c.contractId, isSplitContract: true }, body: [f.lineB.id] }),
	replaceVariantsV3: (f) => ({ body: { shop: f.s.shop, contractId: f.c.contractId, oldVariants: [f.lineA.variantId], newVariants: { [String(f.variantId)]: 1 } } }),
	createSubscriptionContractV2: (f) => ({
		body: {
			customerId: String(f.customerId),
			paymentMethodId: f.paymentMethodId,
			status: 'ACTIVE',
			nextBillingDate: future(10),
			billingIntervalType: 'MONTH',
			billingIntervalCount: 1,
			lines: [{ variantId: String(f.variantId), quantity: 1 }],
		},
	}),
	getSubscriptionContractRawExternalV2: (f) => ({ path: { contractId: f.c.contractId } }),
	getSubscriptionFulfillmentsExternalV2: (f) => ({ path: { contractId: f.c.contractId } }),
	getCurrentCycleOfSubscriptionContractV2: (f) => ({ path: { contractId: f.c.contractId } }),
	getSubscriptionContractBillingInterval: (f) => ({ query: { sellingPlanIds: f.planGid } }),
	getSubscriptionContractAnalyticsByContractIdExternalV2: (f) => ({ path: { contractId: f.c.contractId } }),
	getContractDeliveryOptions: (f) => ({ query: { contractId: f.c.contractId }, headers: { 'X-Include-All-Methods': 'true' } }),
	updatePaymentMethodV2: (f) => ({ query: { contractId: f.c.contractId } }),
	updateExistingPaymentMethodV2: (f) => ({ query: { contractId: f.c.contractId, paymentMethodId: f.paymentMethodId } }),
	updateFrequencyBySellingPlanV2: (f) => ({ query: { contractId: f.c.contractId, sellingPlanId: f.planId } }),
	getAllSubscriptionContractDetails: () => ({ query: { status: 'active', size: 5, sort: 'next_billing_date,asc' } }),
	getContractRawResponse: (f) => ({ query: { contractId: f.c.contractId } }),
	deleteSubscriptionContractV2: (f) => ({ path: { id: f.c.contractId }, query: { cancellationFeedback: 'Too expensive' } }),
	updateBillingIntervalV2: (f) => ({ query: { contractId: f.c.contractId, intervalCount: 2, interval: 'MONTH' } }),
	updateNextBillingDateV2: (f) => ({ query: { contractId: f.c.contractId, nextBillingDate: future(40) } }),
};

/**
 * Bills one QUEUED attempt now: SUCCESS creates an order, FAILURE (failing-card
 * customers) records the decline. Either way the next attempt becomes due.
 */
export function chargeNow(ctx: HandlerContext, c: Contract, attemptId: number): 'SUCCESS' | 'FAILURE' {
	const state = ctx.state;
	const attempt = state.billingAttempts.find((a) => a.id === attemptId);
	if (!attempt) throw alertError('Invalid id', 'subscriptionBillingAttempt', 'idinvalid');
	const customer = customerOf(state, c);
	const pm = customer.paymentMethods.find((p) => p.id === c.paymentMethodId);
	const fails = customer.failingCard || !pm || pm.revokedAt !== null;
	state.counters.shopifyBillingAttempt += 337;
	attempt.billingAttemptId = String(state.counters.shopifyBillingAttempt);
	attempt.attemptCount += 1;
	attempt.attemptTime = iso(ctx.nowMs);
	attempt.orderAmount = orderAmount(c);
	attempt.orderAmountUSD = attempt.orderAmount;
	attempt.variantList = variantList(c, state.products);
	for (const o of state.oneOffs.filter((x) => x.billingAttemptId === attempt.id)) {
		attempt.variantList.push({
			variantId: o.variantId,
			quantity: o.quantity,
			title: o.variantHandle,
			image: null,
			productTitle: o.variantHandle,
			productId: findVariant(state, o.variantId).product.id,
			variantTitle: '',
			swapId: null,
		});
	}
	if (fails) {
		attempt.status = 'FAILURE';
		attempt.retryingNeeded = true;
		attempt.billingAttemptResponseMessage = 'Your card was declined.';
		c.lastPaymentStatus = 'FAILED';
	} else {
		state.counters.order += 7919;
		state.counters.orderName += 1;
		attempt.status = 'SUCCESS';
		attempt.orderId = state.counters.order;
		attempt.graphOrderId = `gid://shopify/Order/${state.counters.order}`;
		attempt.orderName = `#${state.counters.orderName}`;
		attempt.orderConfirmed = true;
		attempt.orderClosed = false;
		attempt.orderDisplayFinancialStatus = 'PAID';
		attempt.orderDisplayFulfillmentStatus = 'UNFULFILLED';
		attempt.orderProcessedAt = attempt.attemptTime;
		c.lastPaymentStatus = 'SUCCEEDED';
		state.oneOffs = state.oneOffs.filter((o) => o.billingAttemptId !== attempt.id);
	}
	// The charged slot is done: make sure a future order is queued after it.
	const queue = queuedOf(state, c.contractId);
	if (queue.length === 0) {
		let at = addInterval(Date.parse(attempt.billingDate), c.billingInterval, c.billingIntervalCount);
		while (at <= ctx.nowMs) at = addInterval(at, c.billingInterval, c.billingIntervalCount);
		state.billingAttempts.push(queuedAttempt(state.counters, c, at));
	}
	syncQueue(state, c, ctx.nowMs);
	touch(c, ctx.nowMs);
	ctx.log({
		entityId: c.contractId,
		entityType: 'SUBSCRIPTION_BILLING_ATTEMPT',
		eventType: 'BILLING_ATTEMPT_TRIGGERED',
		status: attempt.status === 'SUCCESS' ? 'SUCCESS' : 'FAILURE',
		additionalInfo: {
			billingAttemptId: attempt.id,
			orderAmount: attempt.orderAmount,
			...(attempt.status === 'SUCCESS' ? { orderName: attempt.orderName } : { error: attempt.billingAttemptResponseMessage }),
		},
	});
	return attempt.status === 'SUCCESS' ? 'SUCCESS' : 'FAILURE';
}
