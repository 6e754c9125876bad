// Files an app uploads: kept in memory and shown as a `file` event to the members of the room.
import { randomUUID } from 'crypto';

import { UploadBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/UploadBridge';
import type { IUpload } from '../../engine/node_modules/@rocket.chat/apps-engine/definition/uploads';
import type { IUploadDetails } from '../../engine/node_modules/@rocket.chat/apps-engine/definition/uploads/IUploadDetails';
import type { WorldState } from '../state';

const MIME: Record<string, string> = {
	csv: 'text/csv',
	json: 'application/json',
	txt: 'text/plain',
	yaml: 'application/yaml',
	pdf: 'application/pdf',
	png: 'image/png',
};

export interface StoredUpload {
	upload: IUpload;
	buffer: Buffer;
}

export class WorkspaceUploadBridge extends UploadBridge {
	readonly files = new Map<string, StoredUpload>();

	constructor(private readonly world: WorldState) {
		super();
	}

	protected async getById(id: string): Promise<IUpload> {
		const stored = this.files.get(id);
		if (!stored) throw new Error(`no upload ${id}`);
		return stored.upload;
	}

	protected async getBuffer(upload: IUpload): Promise<Buffer> {
		const stored = this.files.get(upload.id);
		if (!stored) throw new Error(`no upload ${upload.id}`);
		return stored.buffer;
	}

	protected async createUpload(details: IUploadDetails, buffer: Buffer): Promise<IUpload> {
		const room = this.world.rooms.get(details.rid);
		if (!room) throw new Error(`upload to unknown room ${details.rid}`);
		const id = randomUUID();
		// The engine leaves the type to the server, which guesses it from the file name as this does.
		const type = details.type || MIME[details.name.split('.').pop()?.toLowerCase() ?? ''] || 'application/octet-stream';
		const now = this.world.clock.date();
		const upload = {
			id,
			name: details.name,
			size: String(buffer.length),
			type,
			extension: details.name.split('.').pop() ?? '',
			etag: id,
			path: `/file-upload/${id}/${details.name}`,
			token: id,
			url: `/file-upload/${id}/${encodeURIComponent(details.name)}`,
			progress: 1,
			uploading: false,
			complete: true,
			updatedAt: now,
			uploadedAt: now,
			store: 'GridFS:Uploads',
			room,
			user: [...this.world.users.values()].find((u) => u.id === details.userId),
		} as unknown as IUpload;
		this.files.set(id, { upload, buffer: Buffer.from(buffer) });
		const text = buffer.toString('utf8');
		this.world.record({
			kind: 'file',
			room: room.slugifiedName,
			user: upload.user?.username,
			text: `${details.name} (${type}, ${buffer.length} bytes)`,
			plain: `[file ${details.name}, ${type}, ${buffer.length} bytes]\n${text.length > 2000 ? `${text.slice(0, 2000)}…` : text}`,
		});
		return upload;
	}
}
