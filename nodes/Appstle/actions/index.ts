import { customApiCallResource } from './resources/custom';
import { discountResource } from './resources/discount';
import { lineItemResource } from './resources/lineItem';
import { oneTimeProductResource } from './resources/oneTimeProduct';
import { orderResource } from './resources/order';
import { paymentMethodResource } from './resources/paymentMethod';
import { subscriptionResource } from './resources/subscription';
import { activityLogResource } from './resources/activityLog';
import { bulkAutomationResource } from './resources/bulkAutomation';
import { bundleResource } from './resources/bundle';
import { customerResource } from './resources/customer';
import { customerPortalResource } from './resources/customerPortal';
import { deliveryProfileResource } from './resources/deliveryProfile';
import { productSwapResource } from './resources/productSwap';
import { settingsResource } from './resources/settings';
import { subscriptionPlanResource } from './resources/subscriptionPlan';
import type { OperationDef, ResourceDef } from './types';

/** Every resource of the action node, in the order of the Resource dropdown. */
export const RESOURCES: ResourceDef[] = [
	subscriptionResource,
	lineItemResource,
	orderResource,
	discountResource,
	oneTimeProductResource,
	paymentMethodResource,
	customerResource,
	customerPortalResource,
	subscriptionPlanResource,
	bundleResource,
	productSwapResource,
	deliveryProfileResource,
	bulkAutomationResource,
	activityLogResource,
	settingsResource,
	customApiCallResource,
];

export const OPERATIONS: OperationDef[] = RESOURCES.flatMap((r) => r.operations);

export function findOperation(resource: string, operation: string): OperationDef | undefined {
	return OPERATIONS.find((o) => o.resource === resource && o.operation === operation);
}
