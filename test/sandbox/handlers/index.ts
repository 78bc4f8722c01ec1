/**
 * All 99 handlers, keyed by the catalog's operationId.
 */
import { billingHandlers } from './billing';
import { bundleHandlers } from './bundles';
import type { Handler } from './common';
import { contractHandlers } from './contracts';
import { customerHandlers } from './customers';
import { discountHandlers } from './discounts';
import { groupHandlers } from './groups';
import { lineHandlers } from './lines';
import { settingsHandlers } from './settings';

export const handlers: Record<string, Handler> = {
	...contractHandlers,
	...lineHandlers,
	...billingHandlers,
	...discountHandlers,
	...groupHandlers,
	...bundleHandlers,
	...settingsHandlers,
	...customerHandlers,
};
