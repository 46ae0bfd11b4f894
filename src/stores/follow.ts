/**
 * Main's events are followed for the window's lifetime: the returned function runs
 * `subscribe` on its first call only, and nothing ever unsubscribes (the stores live as long
 * as the window).
 */
export function subscribeOnce(subscribe: () => void): () => void {
  let subscribed = false
  return () => {
    if (subscribed) return
    subscribed = true
    subscribe()
  }
}
