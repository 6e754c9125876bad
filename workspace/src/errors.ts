/** A workspace call that could not be done as asked (no such user, no open modal, the app failed). */
export class WorkspaceError extends Error {
	constructor(
		message: string,
		readonly cause?: unknown,
	) {
		super(message);
		this.name = 'WorkspaceError';
	}
}
