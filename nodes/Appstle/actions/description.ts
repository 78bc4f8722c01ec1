import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type * as listSearch from '../methods/listSearch';
import { DEFAULT_MAX_PAGES, SORT_COLLECTION, TOOL_LIMIT_PARAMETER, TOOL_LIST_LIMIT } from '../shared/parameters';
import { type CollectionName, collectionNameOf, hasMaxPages, isTopLevel, MAX_PAGES_FIELD, placementOf } from './request';
import { toolDescriptionProperty, toolModeProperties } from './toolMode';
import type { Effect, FieldDef, OperationDef, ResourceDef } from './types';

const EFFECT_NOTES: Record<Effect, string | undefined> = {
	read: undefined,
	write: undefined,
	destructive: 'Changes live data in a way the customer notices and cannot be undone automatically.',
	charge: 'Charges the customer’s payment method.',
	email: 'Sends an email to the customer.',
	bulk: 'Starts a background job that changes many subscriptions at once.',
};

/** What the editor warns about, right under the Operation dropdown, before anyone runs it (`notice`). */
export function effectNotice(def: OperationDef): INodeProperties | undefined {
	if (!def.notice) return undefined;
	return {
		displayName: def.notice,
		name: 'effectNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: [def.resource], operation: [def.operation] } },
	};
}

/** The operation's description as the UI and AI agents see it: side effects are always spelled out. */
export function describeOperation(def: OperationDef): string {
	const note = EFFECT_NOTES[def.effect];
	return note ? `${def.description.replace(/\.$/, '')}. ${note}` : def.description;
}

/** Method names are checked against the exports of methods/listSearch.ts: a typo fails tsc. */
const LOCATOR_SEARCH: Record<NonNullable<FieldDef['locator']>, { method: keyof typeof listSearch; placeholder: string }> = {
	subscriptionContract: { method: 'searchSubscriptionContracts', placeholder: 'Search by customer name or email…' },
	customer: { method: 'searchCustomers', placeholder: 'Search by name or email…' },
	subscriptionGroup: { method: 'searchSubscriptionGroups', placeholder: 'Search by plan name…' },
	billingAttempt: {
		method: 'searchBillingAttempts',
		placeholder: 'Upcoming orders, soonest first; search by customer or subscription ID…',
	},
	subscriptionLine: {
		method: 'searchSubscriptionLines',
		placeholder: 'Products of the subscription above; search by title…',
	},
	productVariant: { method: 'searchProductVariants', placeholder: 'Search by product title or variant ID…' },
	sellingPlan: { method: 'searchSellingPlans', placeholder: 'Search by plan name or frequency…' },
};

/** What "By ID" accepts: the same forms the field's type converts (values.ts has the last word). */
function byIdRule(field: FieldDef): { placeholder: string; regex: string; errorMessage: string } {
	if (field.type === 'id' && !field.gidType) {
		return { placeholder: 'e.g. 123456789', regex: '^\\d+$', errorMessage: 'Enter a numeric ID' };
	}
	const gidType = field.gidType ?? 'Object';
	if (field.type === 'gid') {
		return {
			placeholder: field.placeholder ?? `e.g. gid://shopify/${gidType}/123456789`,
			regex: `^(\\d+|gid://shopify/${gidType}/[^/?#\\s]+)$`,
			errorMessage: `Enter a gid://shopify/${gidType}/… GID`,
		};
	}
	return {
		placeholder: `e.g. 123456789 or gid://shopify/${gidType}/123456789`,
		regex: `^(\\d+|gid://shopify/${gidType}/\\d+)$`,
		errorMessage: `Enter a numeric ID or a gid://shopify/${gidType}/… GID`,
	};
}

function locatorProperty(field: FieldDef): INodeProperties {
	const search = LOCATOR_SEARCH[field.locator!];
	const byId = byIdRule(field);
	return {
		displayName: field.label,
		name: field.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: field.required,
		description: field.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: search.placeholder,
				typeOptions: { searchListMethod: search.method, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: byId.placeholder,
				validation: [{ type: 'regex', properties: { regex: byId.regex, errorMessage: byId.errorMessage } }],
			},
		],
	};
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);
const byDisplayName = (a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName);

function fixedCollectionProperty(field: FieldDef, groupName: string, groupDisplayName: string, values: INodeProperties[], multiple: boolean): INodeProperties {
	return {
		displayName: field.label,
		name: field.name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: multiple },
		default: {},
		required: field.required,
		description: field.description,
		placeholder: `Add ${groupDisplayName}`,
		options: [{ displayName: groupDisplayName, name: groupName, values: [...values].sort(byDisplayName) }],
	};
}

/**
 * An optional number inside a repeating group is shown as text: n8n fills every value of a
 * new group entry with its default, and a default 0 would be sent as if the user meant it.
 */
function subFieldProperty(field: FieldDef): INodeProperties {
	const optionalNumber = !field.required && (field.type === 'number' || field.type === 'integer');
	const plain = { ...field, locator: undefined };
	return fieldProperty(optionalNumber ? { ...plain, type: 'string', placeholder: field.placeholder ?? 'Leave empty to not send it' } : plain);
}

/** One field as an n8n property; `showFor` is added by the caller. */
export function fieldProperty(field: FieldDef): INodeProperties {
	// A locator is a top-level parameter only: inside a collection n8n hands over its raw object.
	if (field.locator && isTopLevel(field)) return locatorProperty(field);
	if (field.loadOptions) {
		return {
			displayName: field.label,
			name: field.name,
			type: 'options',
			typeOptions: { loadOptionsMethod: field.loadOptions },
			default: '',
			required: field.required,
			description: field.description,
		};
	}
	const base = {
		displayName: field.label,
		name: field.name,
		required: field.required,
		description: field.description,
		placeholder: field.placeholder,
	};
	const numberOptions = {
		...(field.minValue !== undefined ? { minValue: field.minValue } : {}),
		...(field.maxValue !== undefined ? { maxValue: field.maxValue } : {}),
	};
	switch (field.type) {
		case 'number':
		case 'integer':
			// A required number with no sensible default is a text box: n8n would otherwise fill
			// in 0 and send it (a price of 0) when the user never set one.
			if (field.required && field.default === undefined) {
				return { ...base, type: 'string', default: '', placeholder: field.placeholder ?? (field.type === 'number' ? 'e.g. 19.99' : 'e.g. 3') };
			}
			return {
				...base,
				type: 'number',
				default: (field.default as number | undefined) ?? 0,
				typeOptions: { ...numberOptions, ...(field.type === 'number' ? { numberPrecision: 2 } : {}) },
			};
		case 'boolean':
			return { ...base, type: 'boolean', default: (field.default as boolean | undefined) ?? false };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: (field.default as string | undefined) ?? '' };
		case 'options':
			return {
				...base,
				type: 'options',
				options: [...(field.options ?? [])].sort(byName),
				default: (field.default as string | undefined) ?? field.options?.[0]?.value ?? '',
			};
		case 'multiOptions':
			return {
				...base,
				type: 'multiOptions',
				options: [...(field.options ?? [])].sort(byName),
				default: (field.default as string[] | undefined) ?? [],
			};
		case 'json':
			return { ...base, type: 'json', default: (field.default as string | undefined) ?? '{}' };
		case 'keyValueList':
			return fixedCollectionProperty(field, 'pairs', 'Attribute', [
				{ displayName: 'Key', name: 'key', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			], true);
		case 'variantQuantityMap':
			return fixedCollectionProperty(field, 'pairs', 'Product', [
				{
					displayName: 'Variant ID',
					name: 'variant',
					type: 'string',
					default: '',
					placeholder: 'e.g. 41234567890 or gid://shopify/ProductVariant/41234567890',
				},
				{ displayName: 'Quantity', name: 'quantity', type: 'number', default: 1, typeOptions: { minValue: 1 } },
			], true);
		case 'objectList':
			return fixedCollectionProperty(field, 'entries', 'Entry', (field.fields ?? []).map(subFieldProperty), true);
		case 'object':
			return fixedCollectionProperty(field, 'values', 'Values', (field.fields ?? []).map(subFieldProperty), false);
		default:
			return {
				...base,
				type: 'string',
				default: (field.default as string | undefined) ?? '',
				...(field.rows ? { typeOptions: { rows: field.rows } } : {}),
			};
	}
}

function showFor(property: INodeProperties, resource: string, operations: string[]): INodeProperties {
	return { ...property, displayOptions: { show: { resource: [resource], operation: operations } } };
}

/**
 * One property per distinct field of a resource: a field that several operations define
 * identically is shown once, for all of them, so switching operations keeps its value.
 */
function topLevelProperties(resource: ResourceDef): INodeProperties[] {
	const byShape = new Map<string, { property: INodeProperties; operations: string[] }>();
	const order: string[] = [];
	for (const def of resource.operations) {
		for (const field of def.fields.filter(isTopLevel)) {
			const property = fieldProperty(field);
			const shape = JSON.stringify(property);
			const entry = byShape.get(shape);
			if (entry) {
				entry.operations.push(def.operation);
			} else {
				byShape.set(shape, { property, operations: [def.operation] });
				order.push(shape);
			}
		}
	}
	return order.map((shape) => {
		const { property, operations } = byShape.get(shape)!;
		return showFor(property, resource.value, operations);
	});
}

const COLLECTION_LABELS: Record<CollectionName, { displayName: string; placeholder: string }> = {
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
	updateFields: { displayName: 'Update Fields', placeholder: 'Add Field' },
	additionalFields: { displayName: 'Additional Fields', placeholder: 'Add Field' },
};

function operationExtras(def: OperationDef, resource: string): INodeProperties[] {
	const properties: INodeProperties[] = [];
	if (def.list) {
		properties.push(
			showFor({
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
			}, resource, [def.operation]),
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
				displayOptions: {
					show: { resource: [resource], operation: [def.operation], returnAll: [false] },
					hide: { '@tool': [true] },
				},
			},
			// Limit's stand-in for an AI agent's tool: a small default, so one call cannot fill its
			// context. (n8n's lint fixes a parameter named `limit` at 50.)
			{
				displayName: 'Max Records',
				name: TOOL_LIMIT_PARAMETER,
				type: 'number',
				typeOptions: { minValue: 1 },
				default: TOOL_LIST_LIMIT,
				description: 'Max number of records to return to the agent',
				displayOptions: {
					show: { resource: [resource], operation: [def.operation], returnAll: [false], '@tool': [true] },
				},
			},
		);
		if (hasMaxPages(def)) {
			properties.push({
				displayName: MAX_PAGES_FIELD.label,
				name: MAX_PAGES_FIELD.name,
				type: 'number',
				typeOptions: { minValue: MAX_PAGES_FIELD.minValue, numberPrecision: 0 },
				default: DEFAULT_MAX_PAGES,
				description:
					'The most pages Return All reads from Appstle in one run (one request each). A list that goes on longer stops the item with an error instead of a partial result; raise it for a very long list.',
				displayOptions: { show: { resource: [resource], operation: [def.operation], returnAll: [true] } },
			});
		}
	}
	if (def.output?.simplify) {
		properties.push(
			// Hidden for AI agents: a tool always answers simplified (see toolMode.ts).
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to return a simplified version of the response instead of the raw data',
				displayOptions: { show: { resource: [resource], operation: [def.operation] }, hide: { '@tool': [true] } },
			},
		);
	}
	const optional = def.fields.filter((f) => placementOf(f) === 'collection');
	if (optional.length) {
		const collection = collectionNameOf(def);
		properties.push(
			showFor({
				displayName: COLLECTION_LABELS[collection].displayName,
				name: collection,
				type: 'collection',
				placeholder: COLLECTION_LABELS[collection].placeholder,
				default: {},
				options: optional
					.map(fieldProperty)
					.map((p) => ({ ...p, required: undefined }))
					.sort(byDisplayName),
			}, resource, [def.operation]),
		);
	}
	const sortFields = def.fields.filter((f) => placementOf(f) === 'sort');
	if (sortFields.length) {
		properties.push(
			showFor({
				displayName: 'Sort',
				name: SORT_COLLECTION,
				type: 'collection',
				placeholder: 'Add Sort Order',
				default: {},
				options: sortFields.map(fieldProperty).map((p) => ({ ...p, required: undefined })),
			}, resource, [def.operation]),
		);
	}
	return properties;
}

export function operationOption(def: OperationDef): INodePropertyOptions {
	return { name: def.name, value: def.operation, action: def.action, description: describeOperation(def) };
}

/** The whole UI of the action node, derived from the resource definitions. */
export function nodeProperties(resources: ResourceDef[]): INodeProperties[] {
	// Named constants rather than member expressions: n8n's lint reads a `default` that is a
	// literal or an identifier, and reports anything else as missing.
	const firstResource = resources[0].value;
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map((r) => ({ name: r.name, value: r.value, description: r.description })).sort(byName),
			default: firstResource,
		},
	];
	for (const resource of resources) {
		const firstOperation = resource.operations[0].operation;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: resource.operations.map(operationOption).sort(byName),
			default: firstOperation,
		});
	}
	properties.push(...toolModeProperties);
	for (const resource of resources) {
		for (const def of resource.operations) properties.push(toolDescriptionProperty(def));
	}
	for (const resource of resources) {
		for (const def of resource.operations) {
			const notice = effectNotice(def);
			if (notice) properties.push(notice);
		}
		properties.push(...topLevelProperties(resource));
		for (const def of resource.operations) properties.push(...operationExtras(def, resource.value));
	}
	return properties;
}

/**
 * The canvas subtitle: the chosen operation's action ("Remove a product from a subscription")
 * rather than the raw values ("remove: lineItem"). n8n evaluates it as an expression over the
 * node's parameters, so the lookup table travels inside it.
 */
export function subtitleExpression(resources: ResourceDef[]): string {
	const actions: Record<string, string> = {};
	for (const resource of resources) for (const def of resource.operations) actions[`${resource.value}.${def.operation}`] = def.action;
	return `={{ (${JSON.stringify(actions)})[$parameter["resource"] + "." + $parameter["operation"]] ?? $parameter["operation"] }}`;
}
