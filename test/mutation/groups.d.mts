// Types for groups.mjs (plain JavaScript, so stryker.config.mjs can import it).
export declare const MUTATION_GROUPS: Record<'scanner' | 'rules' | 'core' | 'vendor' | 'outbox' | 'storage' | 'server', string[]>
