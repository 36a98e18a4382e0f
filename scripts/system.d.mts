/** Types of system.mjs, for the TypeScript that imports it (bench/, playwright.config.ts). */
export declare const CHROMIUM_ARGS: readonly string[];
export declare function findChromium(): Promise<string | undefined>;
export declare function onPath(name: string): string | undefined;
export declare function aptInstall(name: string): void;
