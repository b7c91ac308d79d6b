export declare const NATIVE_DIR: string;
export declare const SQLITE_ADDON: string;
export declare function sqliteAddonPath(electronVersion: string, platform: string, arch: string): string;
