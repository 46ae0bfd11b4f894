export function npmCommand(
  env: Record<string, string | undefined>,
  execPath: string,
  platform: string,
  exists?: (path: string) => boolean,
): { command: string; args: string[] } | null
