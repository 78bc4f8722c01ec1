/**
 * The sandbox's data model: what the in-memory shop is made of.
 */

export type Interval = 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';
export type ContractStatus = 'active' | 'paused' | 'cancelled';

export interface Address {
	firstName: string;
	lastName: string;
	address1: string;
	address2: string | null;
	city: string;
	province: string;
	provinceCode: string;
	zip: string;
	country: string;
	countryCode: string;
	phone: string | null;
	company: string | null;
}

export interface PaymentMethod {
	id: string;
	brand: string;
	lastDigits: string;
	expiryMonth: number;
	expiryYear: number;
	name: string;
	revokedAt: string | null;
	revokedReason: string | null;
	remote?: { gateway: string; customerProfileId: string | null; paymentProfileId: string };
}

export interface Customer {
	id: number;
	uid: string;
	firstName: string;
	lastName: string;
	email: string;
	phone: string | null;
	/** Seeded flag: every billing attempt for this customer's contracts fails (card declined). */
	failingCard: boolean;
	paymentMethods: PaymentMethod[];
	address: Address;
	createdAt: string;
}

export interface Variant {
	id: number;
	title: string;
	sku: string;
	price: number;
}

export interface Product {
	id: number;
	title: string;
	handle: string;
	image: string;
	variants: Variant[];
}

export interface Attribute {
	key: string;
	value: string;
}

export interface CycleDiscount {
	afterCycle: number;
	discountType: string;
	value: number;
	freeVariantId?: number | null;
	freeProductHandle?: string | null;
}

export interface Line {
	id: string;
	productId: number;
	variantId: number;
	title: string;
	variantTitle: string;
	sku: string;
	quantity: number;
	/** Current (discounted) unit price. */
	price: number;
	/** Base unit price before plan discounts. */
	basePrice: number;
	sellingPlanId: number | null;
	sellingPlanName: string | null;
	customAttributes: Attribute[];
	cycleDiscounts: CycleDiscount[];
	image: string;
}

export interface Discount {
	id: string;
	title: string;
	type: 'MANUAL' | 'CODE_DISCOUNT';
	valueType: 'PERCENTAGE' | 'FIXED_AMOUNT';
	value: number;
	appliesOnEachItem: boolean;
	recurringCycleLimit: number | null;
	usageCount: number;
	code: string | null;
}

export interface DeliveryMethod {
	type: 'SHIPPING' | 'LOCAL_DELIVERY' | 'PICK_UP';
	title: string;
	code: string;
	presentmentTitle: string;
	locationId: string | null;
}

export interface Contract {
	/** Appstle's internal row id. */
	id: number;
	/** Shopify's numeric subscription contract id (what the API calls contractId). */
	contractId: number;
	customerId: number;
	status: ContractStatus;
	createdAt: string;
	updatedAt: string;
	nextBillingDate: string;
	billingInterval: Interval;
	billingIntervalCount: number;
	deliveryInterval: Interval;
	deliveryIntervalCount: number;
	minCycles: number | null;
	maxCycles: number | null;
	currencyCode: string;
	deliveryPrice: number;
	lines: Line[];
	discounts: Discount[];
	customAttributes: Attribute[];
	orderNote: string | null;
	shippingAddress: Address;
	deliveryMethod: DeliveryMethod;
	paymentMethodId: string;
	originOrderId: number;
	originOrderName: string;
	planType: 'prepaid' | 'non-prepaid';
	importedId: string | null;
	originType: string;
	cancellationFeedback: string | null;
	cancellationNote: string | null;
	activatedOn: string | null;
	pausedOn: string | null;
	cancelledOn: string | null;
	lastPaymentStatus: 'SUCCEEDED' | 'FAILED' | null;
	sellingPlanGroupId: number | null;
	hidden: boolean;
}

export type AttemptStatus =
	| 'SUCCESS'
	| 'FAILURE'
	| 'QUEUED'
	| 'SKIPPED'
	| 'SKIPPED_DUNNING_MGMT'
	| 'SKIPPED_INVENTORY_MGMT'
	| 'CONTRACT_CANCELLED'
	| string;

export interface VariantQuantity {
	variantId: number;
	quantity: number;
	title: string;
	image: string | null;
	productTitle: string;
	productId: number;
	variantTitle: string;
	swapId: number | null;
}

export interface BillingAttempt {
	id: number;
	shop: string;
	billingAttemptId: string | null;
	status: AttemptStatus;
	billingDate: string;
	contractId: number;
	attemptCount: number;
	attemptTime: string | null;
	graphOrderId: string | null;
	orderId: number | null;
	orderAmount: number | null;
	orderAmountUSD: number | null;
	orderName: string | null;
	retryingNeeded: boolean;
	billingAttemptResponseMessage: string | null;
	progressAttemptCount: number;
	orderNote: string | null;
	variantList: VariantQuantity[];
	orderAttributes: Attribute[];
	orderCancelledAt: string | null;
	orderClosed: boolean | null;
	orderClosedAt: string | null;
	orderConfirmed: boolean | null;
	orderDisplayFinancialStatus: string | null;
	orderDisplayFulfillmentStatus: string | null;
	orderProcessedAt: string | null;
	orderCancelReason: string | null;
	applyUsageCharge: boolean;
	recurringChargeId: number | null;
	transactionRate: number | null;
	usageChargeStatus: string | null;
	transactionFailedSmsSentStatus: string | null;
	upcomingOrderSmsSentStatus: string | null;
	securityChallengeSentStatus: string | null;
}

export interface FrequencyInfo {
	id: string;
	idNew: string | null;
	frequencyName: string;
	frequencyDescription: string | null;
	frequencyCount: number;
	frequencyInterval: Interval;
	billingFrequencyCount: number;
	billingFrequencyInterval: Interval;
	planType: 'PAY_AS_YOU_GO' | 'PREPAID';
	discountEnabled: boolean;
	discountType: 'PERCENTAGE' | 'FIXED' | 'PRICE' | null;
	discountOffer: number | null;
	afterCycle1: number;
	discountEnabled2: boolean;
	discountType2: 'PERCENTAGE' | 'FIXED' | 'PRICE' | null;
	discountOffer2: number | null;
	afterCycle2: number;
	minCycles: number | null;
	maxCycles: number | null;
	freeTrialEnabled: boolean;
	freeTrialCount: number | null;
	freeTrialInterval: Interval | null;
	memberOnly: boolean;
	frequencySequence: number;
	appstleCycles: CycleDiscount[];
}

export interface ProductRef {
	id: number;
	title: string;
}

export interface SubscriptionGroup {
	id: number;
	groupName: string;
	products: ProductRef[];
	variants: ProductRef[];
	plans: FrequencyInfo[];
}

export interface Bundle {
	id: number;
	shop: string;
	name: string;
	groupName: string;
	uniqueRef: string;
	subscriptionBundlingEnabled: boolean;
	subscriptionId: number | null;
	minProductCount: number;
	maxProductCount: number;
	discount: number;
	minOrderAmount: number | null;
	tieredDiscount: string | null;
	subscriptionBundleLink: string;
	bundleRedirect: 'CART' | 'CHECKOUT' | 'CUSTOM' | 'NONE';
	customRedirectURL: string | null;
	productViewStyle: 'QUICK_ADD' | 'VIEW_DETAILS';
	buildABoxType: string;
	singleProductSettings: string | null;
	subscriptionGroup: string | null;
	bundleTopHtml: string | null;
	bundleBottomHtml: string | null;
	proceedToCheckoutButtonText: string;
	chooseProductsText: string;
	/** Source products and the sub-products offered with them (subscription-bundling/update). */
	sourceProducts: Array<{ sourceProductId: number; subProductIds: number[]; subVariantIds: number[] }>;
}

export interface ProductSwap {
	id: number;
	shop: string;
	name: string;
	sourceVariants: VariantQuantity[];
	destinationVariants: VariantQuantity[];
	updatedFirstOrder: boolean;
	checkForEveryRecurringOrder: boolean;
	changeNextOrderDateBy: number | null;
	forBillingCycle: number | null;
	carryDiscountForward: boolean;
	ruleSequence: number;
	stopSwapEmails: boolean;
	discountCarryForward: 'NONE' | 'EXISTING_PLAN' | 'PRODUCT_PLAN' | 'PRODUCT_THEN_EXISTING';
}

export interface OneOff {
	id: number;
	shop: string;
	billingAttemptId: number;
	subscriptionContractId: number;
	variantId: number;
	variantHandle: string;
	quantity: number;
	price: number;
}

export interface ActivityLog {
	id: number;
	shop: string;
	entityId: number;
	entityType: string;
	eventSource: string;
	eventType: string;
	status: 'SUCCESS' | 'FAILURE' | 'INFO';
	createAt: string;
	additionalInfo: string | null;
}

export interface DeliveryProfile {
	id: number;
	shop: string;
	deliveryProfileId: string;
	name: string;
	sellerGroupIds: string | null;
	methods: Array<{ id: string; name: string; code: string; price: number; currency: string }>;
	request?: unknown;
}

export interface DiscountCode {
	code: string;
	valueType: 'PERCENTAGE' | 'FIXED_AMOUNT';
	value: number;
	recurringCycleLimit: number | null;
}

export interface Settings {
	cancellationManagement: Record<string, unknown>;
	customerPortal: Record<string, unknown>;
	bundle: Record<string, unknown>;
	customCss: Record<string, unknown>;
}

export interface Counters {
	activityLog: number;
	billingAttempt: number;
	shopifyBillingAttempt: number;
	contract: number;
	appstleContract: number;
	oneOff: number;
	group: number;
	sellingPlan: number;
	bundle: number;
	productSwap: number;
	order: number;
	orderName: number;
	deliveryProfile: number;
	discount: number;
}

export interface SandboxState {
	seed: number;
	/** The sandbox's notion of "seed time" (ms): seeded data is placed relative to it. */
	epoch: number;
	shop: string;
	/** Generator state for ids created at run time (line ids, gids). */
	rngState: number;
	counters: Counters;
	/** Latest createAt (ms) of a generated activity-log entry: keeps them non-decreasing. */
	lastLogAt: number;
	customers: Customer[];
	products: Product[];
	contracts: Contract[];
	billingAttempts: BillingAttempt[];
	subscriptionGroups: SubscriptionGroup[];
	bundles: Bundle[];
	productSwaps: ProductSwap[];
	oneOffs: OneOff[];
	activityLogs: ActivityLog[];
	deliveryProfiles: DeliveryProfile[];
	discountCodes: DiscountCode[];
	settings: Settings;
	/** Running bulk automation jobs: wall-clock ms until which each one counts as running. */
	bulkJobs: Record<string, number>;
}
