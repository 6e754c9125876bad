// The bundled list is embedded as text at build time (esbuild's text loader; a jest transform in tests).
declare module '*.yaml' {
	const text: string;
	export default text;
}
