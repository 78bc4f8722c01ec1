import { defineResource } from '../types';

/** For endpoints Appstle adds after this release: same credential, pacing, retries and errors. */
export const customApiCallResource = defineResource(
	{
		value: 'customApiCall',
		name: 'Custom API Call',
		description: 'Call any Appstle External API v2 endpoint yourself',
	},
	[
		{
			operation: 'call',
			name: 'Make an API Call',
			action: 'Make a custom API call',
			description:
				'Send a request to any path under /api/external/v2 with the Appstle credential. Only GET requests are repeated automatically after a server error.',
			method: 'GET',
			path: '',
			customRequest: true,
			fields: [
				{
					name: 'httpMethod',
					apiName: 'method',
					label: 'Method',
					type: 'options',
					in: 'request',
					required: true,
					options: [
						{ name: 'DELETE', value: 'DELETE' },
						{ name: 'GET', value: 'GET' },
						{ name: 'POST', value: 'POST' },
						{ name: 'PUT', value: 'PUT' },
					],
					default: 'GET',
				},
				{
					name: 'endpointPath',
					apiName: 'path',
					label: 'Path',
					type: 'string',
					in: 'request',
					required: true,
					placeholder: 'e.g. /subscription-groups',
					description: 'The path after /api/external/v2, starting with /',
				},
				{
					name: 'queryParameters',
					apiName: 'query',
					label: 'Query Parameters',
					type: 'keyValueList',
					in: 'request',
				},
				{
					name: 'body',
					label: 'Body (JSON)',
					type: 'json',
					in: 'bodyRoot',
					description: 'A JSON object or array sent as the request body',
				},
			],
			idempotent: false,
			effect: 'write',
		},
	],
);
