// Types for groups.mjs (plain JavaScript, so stryker.config.mjs can import it).
type Group = 'scanner' | 'rules' | 'core' | 'vendor' | 'outbox' | 'storage' | 'server'
export declare const MUTATION_GROUPS: Record<Group, string[]>
export declare const MUTATION_TEST_SCOPE: Partial<Record<Group, Partial<Record<'node' | 'renderer', string[]>>>>
