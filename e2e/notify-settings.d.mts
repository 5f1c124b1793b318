export declare const E2E_NOTIFY_API_KEY: string;
export declare const E2E_NOTIFY_CALLBACK_TOKEN: string;
export declare const E2E_NOTIFY_TEMPLATES: Record<string, string>;
