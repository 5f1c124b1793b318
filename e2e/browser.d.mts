export declare const CHROMIUM_ARGS: string[];
export declare function findBrowser(): string | null;
