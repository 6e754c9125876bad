// Fault injection for reliability tests: make a bridge method fail on its next calls (or while a predicate
// holds), as a flaky server, a full disk or a crash between two steps would.
export interface FaultPlan {
	/** How many of the next calls fail (default 1). Ignored when `when` is given. */
	times?: number;
	/** Fail the calls for which this returns true (it sees the call's arguments). */
	when?: (...args: any[]) => boolean;
	/** The error message (default: "injected fault in <bridge>.<method>"). */
	message?: string;
	/** Fail AFTER the real call ran (the effect happened, the caller sees an error): a crash after a write. */
	after?: boolean;
}

export interface InjectedFault {
	/** Calls that failed so far. */
	readonly failed: number;
	/** Puts the real method back. */
	restore(): void;
}

export function injectFault(bridge: object, method: string, plan: FaultPlan = {}): InjectedFault {
	const target = bridge as Record<string, any>;
	const original = target[method];
	if (typeof original !== 'function') throw new Error(`${bridge.constructor.name} has no method ${method}`);
	let remaining = plan.times ?? 1;
	let failed = 0;
	const message = plan.message ?? `injected fault in ${bridge.constructor.name}.${method}`;
	const shouldFail = (args: unknown[]) => (plan.when ? plan.when(...args) : remaining > 0);
	target[method] = async function (this: unknown, ...args: unknown[]) {
		if (!shouldFail(args)) return original.apply(this, args);
		if (!plan.when) remaining--;
		failed++;
		if (plan.after) await original.apply(this, args);
		throw new Error(message);
	};
	return {
		get failed() {
			return failed;
		},
		restore() {
			target[method] = original;
		},
	};
}

export interface DelayPlan {
	/** Delay only the calls for which this returns true (it sees the call's arguments); default: every call. */
	when?: (...args: any[]) => boolean;
}

/**
 * Makes a bridge method slow (a loaded database, a big room, a slow network): each matching call waits `ms` of
 * real time before it runs. For the paths where time matters, such as a modal's trigger id running out.
 */
export function injectDelay(bridge: object, method: string, ms: number, plan: DelayPlan = {}): InjectedFault {
	const target = bridge as Record<string, any>;
	const original = target[method];
	if (typeof original !== 'function') throw new Error(`${bridge.constructor.name} has no method ${method}`);
	let delayed = 0;
	target[method] = async function (this: unknown, ...args: unknown[]) {
		if (!plan.when || plan.when(...args)) {
			delayed++;
			await new Promise((resolve) => setTimeout(resolve, ms));
		}
		return original.apply(this, args);
	};
	return {
		get failed() {
			return delayed;
		},
		restore() {
			target[method] = original;
		},
	};
}
