/** What a page reader sees of a page, HTML or markdown alike. Pure types. */

export interface Cell {
	text: string;
	header: boolean;
}

export type Block =
	| { kind: 'heading'; level: number; text: string }
	/** Cells are plain text; a line break in a cell (`<br>`, `<p>`) is a `\n`. */
	| { kind: 'table'; header: string[]; rows: string[][] }
	/** A paragraph's text, and the addresses its `mailto:` links point at; `item` when it is a list item. */
	| { kind: 'text'; text: string; mailtos: string[]; item?: true };

export interface PageDoc {
	blocks: Block[];
	/** Front matter fields of a markdown page (description, title, ...), as text. */
	meta: Record<string, string>;
}
