/**
 * Customers with their payment methods and addresses. Every random draw happens in a fixed
 * order (tests pin names and IDs), so keep the field order of the literals below as it is.
 */
import type { Address, Customer, PaymentMethod } from '../model';
import type { Rng } from '../rng';
import { DAY, FIRST_CUSTOMER_ID, iso } from './common';

const FIRST_NAMES = [
	'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Mateo', 'Isabella', 'Lucas',
	'Mia', 'Levi', 'Amelia', 'Ezra', 'Harper', 'Asher', 'Evelyn', 'James', 'Luna', 'Leo',
	'Camila', 'Aiden', 'Gianna', 'Kai', 'Aria', 'Hudson', 'Ella', 'Jack', 'Nova', 'Wyatt',
	'Zoe', 'Owen', 'Priya', 'Kenji', 'Fatima', 'Diego', 'Ingrid', 'Tariq', 'Chloe', 'Ravi',
];
const LAST_NAMES = [
	'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
	'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
	'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
	'Nakamura', 'Okafor', 'Larsen', 'Novak', 'Haddad', 'Kowalski', 'Fischer', 'Rossi', 'Singh', 'Kim',
];
const CITIES: Array<[string, string, string, string]> = [
	['Portland', 'Oregon', 'OR', '97205'],
	['Austin', 'Texas', 'TX', '73301'],
	['Denver', 'Colorado', 'CO', '80202'],
	['Seattle', 'Washington', 'WA', '98101'],
	['Chicago', 'Illinois', 'IL', '60601'],
	['Boston', 'Massachusetts', 'MA', '02108'],
	['Atlanta', 'Georgia', 'GA', '30303'],
	['Phoenix', 'Arizona', 'AZ', '85003'],
	['Madison', 'Wisconsin', 'WI', '53703'],
	['Raleigh', 'North Carolina', 'NC', '27601'],
];
const STREETS = ['Maple Ave', 'Oak St', 'Pine Rd', 'Cedar Ln', 'Elm St', 'Birch Way', 'Willow Dr', 'Lakeview Blvd'];
const BRANDS = ['visa', 'mastercard', 'american_express', 'discover'];

export function makeAddress(rng: Rng, firstName: string, lastName: string): Address {
	const [city, province, provinceCode, zip] = rng.pick(CITIES);
	return {
		firstName,
		lastName,
		address1: `${rng.int(10, 9899)} ${rng.pick(STREETS)}`,
		address2: rng.chance(0.2) ? `Apt ${rng.int(1, 40)}` : null,
		city,
		province,
		provinceCode,
		zip,
		country: 'United States',
		countryCode: 'US',
		phone: rng.chance(0.6) ? `+1555${rng.int(1000000, 9999999)}` : null,
		company: rng.chance(0.1) ? `${lastName} & Co` : null,
	};
}

/** One or two usable cards, and now and then a revoked one after them. */
function paymentMethods(rng: Rng, epoch: number, firstName: string, lastName: string): PaymentMethod[] {
	const methods: PaymentMethod[] = [];
	const methodCount = rng.chance(0.25) ? 2 : 1;
	for (let m = 0; m < methodCount; m++) {
		methods.push({
			id: `gid://shopify/CustomerPaymentMethod/${rng.hex(32)}`,
			brand: rng.pick(BRANDS),
			lastDigits: String(rng.int(1000, 9999)),
			expiryMonth: rng.int(1, 12),
			expiryYear: new Date(epoch).getUTCFullYear() + rng.int(m === 0 ? 1 : -1, 5),
			name: `${firstName} ${lastName}`,
			revokedAt: null,
			revokedReason: null,
		});
	}
	if (rng.chance(0.1)) {
		methods.push({
			id: `gid://shopify/CustomerPaymentMethod/${rng.hex(32)}`,
			brand: rng.pick(BRANDS),
			lastDigits: String(rng.int(1000, 9999)),
			expiryMonth: rng.int(1, 12),
			expiryYear: new Date(epoch).getUTCFullYear() - 1,
			name: `${firstName} ${lastName}`,
			revokedAt: iso(epoch - rng.int(30, 200) * DAY),
			revokedReason: 'MANUALLY_REVOKED',
		});
	}
	return methods;
}

/** 120 customers; every 15th one (index 7, 22, 37, ...) has a failing card. */
export function seedCustomers(rng: Rng, epoch: number): Customer[] {
	const customers: Customer[] = [];
	for (let i = 0; i < 120; i++) {
		const firstName = FIRST_NAMES[(i * 7 + rng.int(0, 3)) % FIRST_NAMES.length];
		const lastName = LAST_NAMES[(i * 11 + rng.int(0, 5)) % LAST_NAMES.length];
		const id = FIRST_CUSTOMER_ID + (i + 1) * 1013;
		const methods = paymentMethods(rng, epoch, firstName, lastName);
		customers.push({
			id,
			uid: rng.uuid(),
			firstName,
			lastName,
			email: `${firstName}.${lastName}.${i + 1}@example.com`.toLowerCase(),
			phone: rng.chance(0.5) ? `+1555${rng.int(1000000, 9999999)}` : null,
			failingCard: i % 15 === 7,
			paymentMethods: methods,
			address: makeAddress(rng, firstName, lastName),
			createdAt: iso(epoch - rng.int(200, 900) * DAY),
		});
	}
	return customers;
}
