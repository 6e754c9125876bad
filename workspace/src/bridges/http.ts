import { HttpBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/HttpBridge';
import type { IHttpBridgeRequestInfo } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/HttpBridge';
import type { IHttpResponse } from '../../engine/node_modules/@rocket.chat/apps-engine/definition/accessors';

export interface HttpFixtureResponse {
	status?: number;
	headers?: Record<string, string>;
	/** string bodies are sent as is; anything else as JSON (and parsed into `data` for the app). */
	body?: unknown;
	/** ms before answering (real time); above the request's timeout the call fails like a timeout. */
	delay?: number;
	/** fail the call like a network error with this message. */
	error?: string;
}

export type HttpFixture = HttpFixtureResponse | ((request: HttpCall) => HttpFixtureResponse | Promise<HttpFixtureResponse>);

export interface HttpCall {
	method: string;
	url: string;
	headers: Record<string, string>;
	content?: string;
	data?: unknown;
	timeout?: number;
}

interface Route {
	method?: string;
	match: string | RegExp;
	fixture: HttpFixture;
	times?: number;
}

/** Outgoing HTTP for the app: answered only from fixtures, so tests never touch the network. */
export class HttpFixtures {
	readonly calls: HttpCall[] = [];
	private routes: Route[] = [];

	/** Answer requests to `url` (exact, prefix ending in '*', or RegExp); `method` defaults to any. Later fixtures win. */
	on(url: string | RegExp, fixture: HttpFixture, options: { method?: string; times?: number } = {}): this {
		this.routes.unshift({ match: url, fixture, method: options.method?.toLowerCase(), times: options.times });
		return this;
	}

	/** Make calls to `url` fail like a network error. */
	fail(url: string | RegExp, message = 'connect ECONNREFUSED', options: { method?: string; times?: number } = {}): this {
		return this.on(url, { error: message }, options);
	}

	reset(): void {
		this.routes = [];
		this.calls.length = 0;
	}

	find(call: HttpCall): HttpFixture | undefined {
		const route = this.routes.find((r) => {
			if (r.method && r.method !== call.method) return false;
			if (r.times !== undefined && r.times <= 0) return false;
			if (r.match instanceof RegExp) return r.match.test(call.url);
			return r.match.endsWith('*') ? call.url.startsWith(r.match.slice(0, -1)) : r.match === call.url;
		});
		if (route && route.times !== undefined) route.times--;
		return route?.fixture;
	}
}

export class WorkspaceHttpBridge extends HttpBridge {
	constructor(private readonly fixtures: HttpFixtures) {
		super();
	}

	protected async call(info: IHttpBridgeRequestInfo): Promise<IHttpResponse> {
		const { request } = info;
		const url = new URL(info.url);
		for (const [k, v] of Object.entries(request.params ?? {})) url.searchParams.append(k, v);
		if (request.query) for (const [k, v] of new URLSearchParams(request.query)) url.searchParams.append(k, v);
		const call: HttpCall = {
			method: String(info.method).toLowerCase(),
			url: url.toString(),
			headers: request.headers ?? {},
			content: request.content,
			data: request.data,
			timeout: request.timeout,
		};
		this.fixtures.calls.push(call);
		const fixture = this.fixtures.find(call);
		if (!fixture)
			throw new Error(`No HTTP fixture for ${call.method.toUpperCase()} ${call.url} (add one with workspace.http.on(url, response))`);
		const res = typeof fixture === 'function' ? await fixture(call) : fixture;
		if (res.delay) {
			if (call.timeout && res.delay >= call.timeout) throw new Error(`timeout of ${call.timeout}ms exceeded for ${call.url}`);
			await new Promise((r) => setTimeout(r, res.delay));
		}
		if (res.error) throw new Error(res.error);
		const isText = typeof res.body === 'string' || res.body === undefined;
		const content = isText ? (res.body as string | undefined) : JSON.stringify(res.body);
		const headers = { ...(isText ? {} : { 'content-type': 'application/json' }), ...(res.headers ?? {}) };
		let data: unknown;
		if (content && /json/i.test(headers['content-type'] ?? '')) {
			try {
				data = JSON.parse(content);
			} catch {
				// the server leaves data unset when a JSON body doesn't parse
			}
		}
		return { url: call.url, method: info.method, statusCode: res.status ?? 200, headers, content, data };
	}
}
