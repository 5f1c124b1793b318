export declare const E2E_PORT: number;
export declare const E2E_PG_PORT: number;
export declare const E2E_NOTIFY_PORT: number;
