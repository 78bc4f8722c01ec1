import { ENDPOINTS } from '../../shared/endpoints';
import { ENTITY_TYPES, enumOptions, EVENT_SOURCES, EVENT_TYPES, STATUSES } from '../../shared/activityLog';
import { ANY_GID_TYPE } from '../../shared/ids';
import { simplifyActivityLog } from '../../shared/simplify';
import { sortField } from '../common';
import { defineResource, type OperationSpec } from '../types';

const resource = 'activityLog';

const operations: OperationSpec[] = [
	{
		operation: 'getMany',
		name: 'Get Many',
		action: 'Get many activity log entries',
		description:
			'List what happened to subscriptions and settings (who changed what, orders, emails), newest first, filtered by type, source, status, subscription and time',
		method: 'GET',
		path: ENDPOINTS.activityLogs,
		fields: [
			{
				name: 'entityTypes',
				apiName: 'entityType.in',
				label: 'Entity Types',
				type: 'multiOptions',
				in: 'query',
				options: enumOptions(ENTITY_TYPES),
				description: 'Only entries about these kinds of objects',
			},
			{
				name: 'eventTypes',
				apiName: 'eventType.in',
				label: 'Event Types',
				type: 'multiOptions',
				in: 'query',
				options: enumOptions(EVENT_TYPES),
				description: 'Only these events. Without this filter Appstle leaves out Update Queued Attempts entries.',
			},
			{
				name: 'eventSources',
				apiName: 'eventSource.in',
				label: 'Sources',
				type: 'multiOptions',
				in: 'query',
				options: enumOptions(EVENT_SOURCES),
				description: 'Only entries caused from these places (customer portal, merchant, Shopify, API…)',
			},
			{
				name: 'statuses',
				apiName: 'status.in',
				label: 'Statuses',
				type: 'multiOptions',
				in: 'query',
				options: enumOptions(STATUSES),
			},
			{
				name: 'entityId',
				apiName: 'entityId.equals',
				label: 'Entity ID',
				type: 'id',
				// Entries are about contracts, customers, orders…: a GID of any type names one.
				gidType: ANY_GID_TYPE,
				in: 'query',
				placeholder: 'e.g. 27510000000',
				description:
					'Only entries about this object: for subscriptions and their orders, the subscription contract ID (numeric ID or GID)',
			},
			{
				name: 'createdAfter',
				apiName: 'createAt.greaterThanOrEqual',
				label: 'Created After',
				type: 'dateTime',
				in: 'query',
				description: 'Only entries from this moment on',
			},
			{
				name: 'createdBefore',
				apiName: 'createAt.lessThan',
				label: 'Created Before',
				type: 'dateTime',
				in: 'query',
				description: 'Only entries before this moment',
			},
			sortField([
				{ name: 'Newest First', value: 'createAt,desc' },
				{ name: 'Oldest First', value: 'createAt,asc' },
			]),
		],
		fixedQuery: { sort: 'createAt,desc' },
		idempotent: true,
		effect: 'read',
		apiKeyInQuery: true,
		list: { pagination: 'page', maxPageSize: 100 },
		output: { simplify: simplifyActivityLog },
	},
];

export const activityLogResource = defineResource(
	{
		value: resource,
		name: 'Activity Log',
		description: 'The history of changes, orders and emails in Appstle',
	},
	operations,
);
