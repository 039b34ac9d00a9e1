// Types of scripts/build-node.mjs (plain JavaScript so that the launcher needs no compiler).
export declare const ROOT: string
export declare const NODE_OUTPUTS: string[]
export declare function sourceState(root?: string): { newest: number; files: number } | null
export declare function staleReason(root?: string): string | null
export declare function buildNode(root?: string): Promise<string[]>
export declare function ensureNodeBuild(root?: string): Promise<void>
export declare function asciiOnly(text: string, name: string): string
