export * from "./dist.es5+esm/index.mjs";
