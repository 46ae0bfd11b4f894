/**
 * What a caught value says: an Error's (or error-like object's) message, else the value as text.
 * The one place that turns `catch (e)` into words for a log line or a notice.
 */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message
  if (typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string') return (e as { message: string }).message
  return String(e)
}
