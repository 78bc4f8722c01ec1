/**
 * RFC 7807 problem bodies in the shape Appstle's JHipster ExceptionTranslator produces.
 */
export const PROBLEM_TYPE = 'https://www.jhipster.tech/problem/problem-with-message';

export interface ProblemBody {
	type: string;
	title: string;
	status: number;
	detail?: string;
	path: string;
	message: string;
	params?: string;
	fieldErrors?: Array<{ objectName: string; field: string; message: string }>;
}

const REASONS: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	415: 'Unsupported Media Type',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

export function reasonPhrase(status: number): string {
	return REASONS[status] ?? 'Error';
}

/** A generic HTTP problem: `message` is `error.http.<status>`. */
export function httpProblem(status: number, path: string, detail: string, title = reasonPhrase(status)): ProblemBody {
	return { type: PROBLEM_TYPE, title, status, detail, path, message: `error.http.${status}` };
}

/**
 * An error a handler throws to answer with a problem. `alert` makes it a
 * BadRequestAlertException (title = message = the human text, plus `params`).
 */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly options: {
			/** BadRequestAlertException style (Appstle business errors). */
			alert?: { entityName: string; errorKey: string };
			detail?: string;
			title?: string;
			/** Answer with an empty body (some Appstle handlers do `badRequest().build()`). */
			empty?: boolean;
			headers?: Record<string, string>;
			fieldErrors?: ProblemBody['fieldErrors'];
			problemMessage?: string;
		} = {},
	) {
		super(message);
	}

	toProblem(path: string): ProblemBody {
		const { alert, detail, title, fieldErrors, problemMessage } = this.options;
		if (alert) {
			const body: ProblemBody = {
				type: PROBLEM_TYPE,
				title: this.message,
				status: this.status,
				path,
				message: this.message,
				params: alert.entityName,
			};
			if (detail) body.detail = detail;
			return body;
		}
		const body = httpProblem(this.status, path, detail ?? this.message, title ?? reasonPhrase(this.status));
		if (problemMessage) body.message = problemMessage;
		if (fieldErrors) body.fieldErrors = fieldErrors;
		return body;
	}

	alertHeaders(): Record<string, string> {
		const { alert } = this.options;
		if (!alert) return {};
		return {
			'X-subscriptionApp-error': `error.${alert.errorKey}`,
			'X-subscriptionApp-params': alert.entityName,
		};
	}
}

/** A business error in BadRequestAlertException style (400 unless told). */
export function alertError(
	message: string,
	entityName = 'subscriptionContractDetails',
	errorKey = 'badrequest',
	status = 400,
): ApiError {
	return new ApiError(status, message, { alert: { entityName, errorKey } });
}

export function badRequest(detail: string): ApiError {
	return new ApiError(400, detail, { detail });
}

export function notFound(detail: string): ApiError {
	return new ApiError(404, detail, { detail });
}
