/**
 * Appstle paths (under /api/external/v2) that code outside the operation catalog also calls: the
 * polling trigger and the pickers. The catalog's operations for these endpoints take their path
 * from here, so every path is written once; test/code-shape.test.ts keeps each one a catalog path
 * and refuses path literals anywhere else in nodes/.
 */
export const ENDPOINTS = {
	activityLogs: '/activity-logs',
	contractDetails: '/subscription-contract-details',
	contractCustomers: '/subscription-contract-details/customers',
	subscriptionGroups: '/subscription-groups',
	allSellingPlans: '/subscription-groups/all-selling-plans',
	shopifyContract: '/subscription-contracts/contract-external/{contractId}',
	upcomingOrders: '/subscription-billing-attempts/top-orders',
} as const;
