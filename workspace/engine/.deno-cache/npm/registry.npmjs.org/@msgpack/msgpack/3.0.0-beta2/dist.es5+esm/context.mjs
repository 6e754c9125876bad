/* eslint-disable @typescript-eslint/ban-types */
export {};
//# sourceMappingURL=context.mjs.map