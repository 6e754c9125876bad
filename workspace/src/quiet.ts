// Two engine habits the workspace has to work around so app errors are never silent or doubled:
//  - AppSlashCommand/AppApi/scheduler console.error() an app's error and then rethrow it; the workspace surfaces
//    it itself (error event + rejected promise), so that duplicate print is held back;
//  - ProxiedApp.call() (lifecycle methods, UIKit handlers, listeners) *swallows* app errors and only prints
//    "JSON-RPC error received: <inspected error>". Those prints are caught here and handed back, so the caller
//    can turn them into errors.
// Everything else the engine or the app prints (e.g. "Subprocess stderr" for the app's console.log) stays visible.

const SWALLOWED = 'JSON-RPC error received: ';

function isRethrownAppError(args: unknown[]): boolean {
	const [first] = args;
	return args.length === 1 && !!first && typeof first === 'object' && 'message' in first && ('code' in first || first instanceof Error);
}

function messageOf(inspected: unknown): string {
	// Engines before 1.62 print the error object itself, 1.62 its util.inspect() text.
	if (inspected && typeof inspected === 'object' && typeof (inspected as { message?: unknown }).message === 'string')
		return (inspected as { message: string }).message;
	const text = String(inspected);
	const m = /message: (['"`])((?:\\.|(?!\1).)*)\1/.exec(text);
	return m ? m[2].replace(/\\(.)/g, '$1') : text;
}

export async function captureEngineErrors<T>(fn: () => Promise<T>): Promise<{ result: T; swallowed: string[] }> {
	const original = console.error;
	const swallowed: string[] = [];
	console.error = (...args: unknown[]) => {
		if (args[0] === SWALLOWED) swallowed.push(messageOf(args[1]));
		else if (!isRethrownAppError(args)) original.apply(console, args);
	};
	try {
		return { result: await fn(), swallowed };
	} finally {
		console.error = original;
	}
}
