/**
 * Response shapes built from state: raw Shopify-like objects (with __typename) and
 * Appstle DTOs, following the `response` notes of each endpoint in the catalog.
 */
import type {
	Address,
	BillingAttempt,
	Bundle,
	Contract,
	Customer,
	FrequencyInfo,
	Line,
	OneOff,
	PaymentMethod,
	ProductSwap,
	SandboxState,
	SubscriptionGroup,
} from './state';

function money(amount: number, currencyCode: string) {
	return { __typename: 'MoneyV2', amount: String(Math.round(amount * 100) / 100), currencyCode };
}

function gid(type: string, id: number | string): string {
	return `gid://shopify/${type}/${id}`;
}

export function customerOf(state: SandboxState, contract: Contract): Customer {
	const customer = state.customers.find((c) => c.id === contract.customerId);
	if (!customer) throw new Error(`contract ${contract.contractId} has no customer`);
	return customer;
}

function mailingAddress(a: Address) {
	return {
		__typename: 'SubscriptionMailingAddress',
		address1: a.address1,
		address2: a.address2,
		city: a.city,
		company: a.company,
		country: a.country,
		countryCode: a.countryCode,
		firstName: a.firstName,
		lastName: a.lastName,
		name: `${a.firstName} ${a.lastName}`.trim(),
		phone: a.phone,
		province: a.province,
		provinceCode: a.provinceCode,
		zip: a.zip,
	};
}

function lineNode(line: Line, currency: string) {
	return {
		__typename: 'SubscriptionLine',
		id: line.id,
		sellingPlanId: line.sellingPlanId === null ? null : gid('SellingPlan', line.sellingPlanId),
		sellingPlanName: line.sellingPlanName,
		productId: gid('Product', line.productId),
		variantId: gid('ProductVariant', line.variantId),
		sku: line.sku,
		title: line.title,
		variantTitle: line.variantTitle,
		quantity: line.quantity,
		requiresShipping: true,
		taxable: true,
		currentPrice: money(line.price, currency),
		lineDiscountedPrice: money(line.price * line.quantity, currency),
		pricingPolicy: {
			__typename: 'SubscriptionPricingPolicy',
			basePrice: money(line.basePrice, currency),
			cycleDiscounts: line.cycleDiscounts.map((c) => ({
				__typename: 'SubscriptionCyclePriceAdjustment',
				afterCycle: c.afterCycle,
				adjustmentType: c.discountType === 'PERCENTAGE' ? 'PERCENTAGE' : c.discountType === 'FIXED' ? 'FIXED_AMOUNT' : 'PRICE',
				adjustmentValue:
					c.discountType === 'PERCENTAGE'
						? { __typename: 'SellingPlanPricingPolicyPercentageValue', percentage: c.value }
						: money(c.value, currency),
				computedPrice: money(
					c.discountType === 'PERCENTAGE' ? line.basePrice * (1 - c.value / 100) : c.discountType === 'FIXED' ? line.basePrice - c.value : c.value,
					currency,
				),
			})),
		},
		customAttributes: line.customAttributes.map((a) => ({ __typename: 'Attribute', key: a.key, value: a.value })),
		discountAllocations: [],
		variantImage: { __typename: 'Image', transformedSrc: line.image },
	};
}

function paymentMethodNode(pm: PaymentMethod | undefined) {
	if (!pm) return null;
	return {
		__typename: 'CustomerPaymentMethod',
		id: pm.id,
		instrument: pm.remote
			? { __typename: 'CustomerPaypalBillingAgreement', paypalAccountEmail: null, inactive: false }
			: {
					__typename: 'CustomerCreditCard',
					brand: pm.brand,
					lastDigits: pm.lastDigits,
					expiryMonth: pm.expiryMonth,
					expiryYear: pm.expiryYear,
					maskedNumber: `•••• •••• •••• ${pm.lastDigits}`,
					name: pm.name,
				},
		revokedAt: pm.revokedAt,
		revokedReason: pm.revokedReason,
	};
}

/** A raw Shopify SubscriptionContract (GraphQL shape, with __typename everywhere). */
export function shopifyContract(state: SandboxState, c: Contract, lineShape: 'nodes' | 'edges' = 'nodes') {
	const customer = customerOf(state, c);
	const pm = customer.paymentMethods.find((p) => p.id === c.paymentMethodId);
	const nodes = c.lines.map((l) => lineNode(l, c.currencyCode));
	const pageInfo = {
		__typename: 'PageInfo',
		hasNextPage: false,
		hasPreviousPage: false,
		startCursor: nodes.length > 0 ? Buffer.from(`line:0`).toString('base64') : null,
		endCursor: nodes.length > 0 ? Buffer.from(`line:${nodes.length - 1}`).toString('base64') : null,
	};
	const lines =
		lineShape === 'nodes'
			? { __typename: 'SubscriptionLineConnection', nodes, pageInfo }
			: {
					__typename: 'SubscriptionLineConnection',
					edges: nodes.map((node, i) => ({ __typename: 'SubscriptionLineEdge', cursor: Buffer.from(`line:${i}`).toString('base64'), node })),
					pageInfo,
				};
	const deliveryMethod =
		c.deliveryMethod.type === 'PICK_UP'
			? {
					__typename: 'SubscriptionDeliveryMethodPickup',
					pickupOption: {
						__typename: 'SubscriptionDeliveryMethodPickupOption',
						code: c.deliveryMethod.code,
						title: c.deliveryMethod.title,
						presentmentTitle: c.deliveryMethod.presentmentTitle,
						location: { __typename: 'Location', id: c.deliveryMethod.locationId },
					},
				}
			: {
					__typename:
						c.deliveryMethod.type === 'LOCAL_DELIVERY' ? 'SubscriptionDeliveryMethodLocalDelivery' : 'SubscriptionDeliveryMethodShipping',
					address: mailingAddress(c.shippingAddress),
					shippingOption: {
						__typename: 'SubscriptionDeliveryMethodShippingOption',
						code: c.deliveryMethod.code,
						title: c.deliveryMethod.title,
						presentmentTitle: c.deliveryMethod.presentmentTitle,
						description: null,
					},
				};
	return {
		__typename: 'SubscriptionContract',
		id: gid('SubscriptionContract', c.contractId),
		status: c.status.toUpperCase(),
		createdAt: c.createdAt,
		updatedAt: c.updatedAt,
		nextBillingDate: c.nextBillingDate,
		lastPaymentStatus: c.lastPaymentStatus,
		note: c.orderNote,
		currencyCode: c.currencyCode,
		customAttributes: c.customAttributes.map((a) => ({ __typename: 'Attribute', key: a.key, value: a.value })),
		billingPolicy: {
			__typename: 'SubscriptionBillingPolicy',
			interval: c.billingInterval,
			intervalCount: c.billingIntervalCount,
			anchors: [],
			maxCycles: c.maxCycles,
			minCycles: c.minCycles,
		},
		deliveryPolicy: {
			__typename: 'SubscriptionDeliveryPolicy',
			interval: c.deliveryInterval,
			intervalCount: c.deliveryIntervalCount,
			anchors: [],
		},
		deliveryPrice: money(c.deliveryPrice, c.currencyCode),
		lines,
		customer: {
			__typename: 'Customer',
			id: gid('Customer', customer.id),
			email: customer.email,
			displayName: `${customer.firstName} ${customer.lastName}`,
			firstName: customer.firstName,
			lastName: customer.lastName,
			phone: customer.phone,
		},
		customerPaymentMethod: paymentMethodNode(pm),
		deliveryMethod,
		originOrder: { __typename: 'Order', id: gid('Order', c.originOrderId), name: c.originOrderName },
		discounts: {
			__typename: 'SubscriptionManualDiscountConnection',
			nodes: c.discounts.map((d) => ({
				__typename: 'SubscriptionManualDiscount',
				id: d.id,
				title: d.title,
				type: d.type,
				targetType: 'LINE_ITEM',
				recurringCycleLimit: d.recurringCycleLimit,
				usageCount: d.usageCount,
				value:
					d.valueType === 'PERCENTAGE'
						? { __typename: 'SubscriptionDiscountPercentageValue', percentage: d.value }
						: {
								__typename: 'SubscriptionDiscountFixedAmountValue',
								amount: money(d.value, c.currencyCode),
								appliesOnEachItem: d.appliesOnEachItem,
							},
			})),
			pageInfo: { __typename: 'PageInfo', hasNextPage: false, hasPreviousPage: false },
		},
	};
}

function linesJson(c: Contract): string {
	return JSON.stringify(
		c.lines.map((l) => ({
			id: l.id,
			productId: gid('Product', l.productId),
			variantId: gid('ProductVariant', l.variantId),
			title: l.title,
			variantTitle: l.variantTitle,
			sku: l.sku,
			quantity: l.quantity,
			currentPrice: { amount: String(l.price), currencyCode: c.currencyCode },
			sellingPlanId: l.sellingPlanId === null ? null : gid('SellingPlan', l.sellingPlanId),
			sellingPlanName: l.sellingPlanName,
			customAttributes: l.customAttributes,
		})),
	);
}

/** Appstle's SubscriptionContractDetailsDTO (lowercase status, JSON strings inside). */
export function contractDetails(state: SandboxState, c: Contract) {
	const customer = customerOf(state, c);
	const attempts = state.billingAttempts.filter((a) => a.contractId === c.contractId);
	const successes = attempts.filter((a) => a.status === 'SUCCESS');
	const lastSuccess = successes[successes.length - 1];
	const lifetime = successes.reduce((sum, a) => sum + (a.orderAmount ?? 0), 0);
	return {
		id: c.id,
		shop: state.shop,
		graphSubscriptionContractId: gid('SubscriptionContract', c.contractId),
		subscriptionContractId: c.contractId,
		billingPolicyInterval: c.billingInterval,
		billingPolicyIntervalCount: c.billingIntervalCount,
		currencyCode: c.currencyCode,
		customerId: customer.id,
		graphCustomerId: gid('Customer', customer.id),
		deliveryPolicyInterval: c.deliveryInterval,
		deliveryPolicyIntervalCount: c.deliveryIntervalCount,
		status: c.status,
		graphOrderId: gid('Order', c.originOrderId),
		orderId: c.originOrderId,
		createdAt: c.createdAt,
		updatedAt: c.updatedAt,
		nextBillingDate: c.nextBillingDate,
		orderAmount: orderTotal(c),
		orderName: c.originOrderName,
		customerName: `${customer.firstName} ${customer.lastName}`,
		customerEmail: customer.email,
		customerFirstName: customer.firstName,
		customerLastName: customer.lastName,
		importedId: c.importedId,
		minCycles: c.minCycles,
		maxCycles: c.maxCycles,
		deliveryPrice: c.deliveryPrice,
		planType: c.planType,
		contractDetailsJSON: linesJson(c),
		orderNote: c.orderNote,
		orderNoteAttributes: JSON.stringify(c.customAttributes),
		cancellationFeedback: c.cancellationFeedback,
		cancellationNote: c.cancellationNote,
		activatedOn: c.activatedOn,
		pausedOn: c.pausedOn,
		cancelledOn: c.cancelledOn,
		originType: c.originType,
		subscriptionType: c.planType === 'prepaid' ? 'PREPAID' : 'REGULAR',
		lifetimeValue: Math.round(lifetime * 100) / 100,
		totalSuccessfulOrders: successes.length,
		lastSuccessfulOrder: lastSuccess
			? JSON.stringify({
					orderId: lastSuccess.orderId,
					orderName: lastSuccess.orderName,
					orderAmount: lastSuccess.orderAmount,
					billingDate: lastSuccess.billingDate,
				})
			: null,
	};
}

export function orderTotal(c: Contract): number {
	const lines = c.lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
	return Math.round((lines + c.deliveryPrice) * 100) / 100;
}

/** SubscriptionBillingAttemptDTO: exactly the fields the PUT endpoint accepts back. */
export function attemptDto(a: BillingAttempt) {
	return {
		id: a.id,
		shop: a.shop,
		billingAttemptId: a.billingAttemptId,
		status: a.status,
		billingDate: a.billingDate,
		contractId: a.contractId,
		attemptCount: a.attemptCount,
		attemptTime: a.attemptTime,
		graphOrderId: a.graphOrderId,
		orderId: a.orderId,
		orderAmount: a.orderAmount,
		orderName: a.orderName,
		retryingNeeded: a.retryingNeeded,
		applyUsageCharge: a.applyUsageCharge,
		recurringChargeId: a.recurringChargeId,
		transactionRate: a.transactionRate,
		usageChargeStatus: a.usageChargeStatus,
		transactionFailedSmsSentStatus: a.transactionFailedSmsSentStatus,
		upcomingOrderSmsSentStatus: a.upcomingOrderSmsSentStatus,
		billingAttemptResponseMessage: a.billingAttemptResponseMessage,
		progressAttemptCount: a.progressAttemptCount,
		orderNote: a.orderNote,
		variantList: a.variantList.map((v) => ({ ...v })),
		securityChallengeSentStatus: a.securityChallengeSentStatus,
		orderAmountUSD: a.orderAmountUSD,
		orderCancelReason: a.orderCancelReason,
		orderCancelledAt: a.orderCancelledAt,
		orderClosed: a.orderClosed,
		orderClosedAt: a.orderClosedAt,
		orderConfirmed: a.orderConfirmed,
		orderDisplayFinancialStatus: a.orderDisplayFinancialStatus,
		orderDisplayFulfillmentStatus: a.orderDisplayFulfillmentStatus,
		orderProcessedAt: a.orderProcessedAt,
		orderAttributes: a.orderAttributes.map((x) => ({ ...x })),
	};
}

export function frequencyDto(plan: FrequencyInfo, groupName?: string) {
	const out: Record<string, unknown> = { ...plan, appstleCycles: plan.appstleCycles.map((c) => ({ ...c })) };
	if (groupName !== undefined) out.groupName = groupName;
	return out;
}

/** SubscriptionGroupV2DTO: productIds / variantIds are JSON-encoded strings. */
export function groupDto(g: SubscriptionGroup) {
	return {
		id: g.id,
		groupName: g.groupName,
		productCount: g.products.length,
		productVariantCount: g.variants.length,
		productIds: JSON.stringify(g.products),
		variantIds: JSON.stringify(g.variants),
		subscriptionPlans: g.plans.map((p) => frequencyDto(p)),
	};
}

/** SubscriptionBundlingDTO: exactly the fields PUT /build-a-box accepts back. */
export function bundleDto(b: Bundle) {
	return {
		id: b.id,
		shop: b.shop,
		name: b.name,
		groupName: b.groupName,
		uniqueRef: b.uniqueRef,
		subscriptionBundlingEnabled: b.subscriptionBundlingEnabled,
		subscriptionId: b.subscriptionId,
		minProductCount: b.minProductCount,
		maxProductCount: b.maxProductCount,
		discount: b.discount,
		minOrderAmount: b.minOrderAmount,
		tieredDiscount: b.tieredDiscount,
		subscriptionBundleLink: b.subscriptionBundleLink,
		bundleRedirect: b.bundleRedirect,
		customRedirectURL: b.customRedirectURL,
		productViewStyle: b.productViewStyle,
		buildABoxType: b.buildABoxType,
		singleProductSettings: b.singleProductSettings,
		subscriptionGroup: b.subscriptionGroup,
		bundleTopHtml: b.bundleTopHtml,
		bundleBottomHtml: b.bundleBottomHtml,
		proceedToCheckoutButtonText: b.proceedToCheckoutButtonText,
		chooseProductsText: b.chooseProductsText,
	};
}

export function swapDto(s: ProductSwap) {
	return {
		id: s.id,
		shop: s.shop,
		name: s.name,
		sourceVariants: JSON.stringify(s.sourceVariants),
		destinationVariants: JSON.stringify(s.destinationVariants),
		updatedFirstOrder: s.updatedFirstOrder,
		checkForEveryRecurringOrder: s.checkForEveryRecurringOrder,
		changeNextOrderDateBy: s.changeNextOrderDateBy,
		forBillingCycle: s.forBillingCycle,
		carryDiscountForward: s.carryDiscountForward,
		ruleSequence: s.ruleSequence,
		stopSwapEmails: s.stopSwapEmails,
		discountCarryForward: s.discountCarryForward,
	};
}

export function oneOffDto(o: OneOff) {
	return { ...o };
}

export function paymentMethodsDto(customer: Customer, includeRevoked: boolean, state: SandboxState) {
	return {
		__typename: 'CustomerPaymentMethodConnection',
		nodes: customer.paymentMethods
			.filter((pm) => includeRevoked || pm.revokedAt === null)
			.map((pm) => ({
				...paymentMethodNode(pm),
				subscriptionContracts: {
					__typename: 'SubscriptionContractConnection',
					nodes: state.contracts
						.filter((c) => c.paymentMethodId === pm.id && !c.hidden)
						.map((c) => ({ __typename: 'SubscriptionContract', id: gid('SubscriptionContract', c.contractId), status: c.status.toUpperCase() })),
				},
			})),
	};
}
