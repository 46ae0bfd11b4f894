// What a route handler decides; the server turns it into bytes (after any injected fault).

export interface Reply {
  status: number
  body: unknown
  headers?: Record<string, string>
}

export function jsonReply(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body }
}

/** The vendor's error shape: `{"message": "..."}`, sometimes with more keys beside it. */
export function errorReply(status: number, message: string, extra?: Record<string, unknown>): Reply {
  return jsonReply(status, { message, ...extra })
}

/** zh-TW messages for statuses the sandbox can be told to fail with. */
export function defaultMessageFor(status: number): string {
  const messages: Record<number, string> = {
    400: '請求參數錯誤',
    401: '未授權,請重新取得存取權杖',
    403: '沒有權限',
    404: '查無資料',
    408: '請求逾時',
    409: '資料衝突',
    429: '請求過於頻繁,請稍後再試',
    500: '伺服器發生錯誤',
    502: '閘道錯誤',
    503: '服務暫時無法使用,請稍後再試',
    504: '閘道逾時',
  }
  return messages[status] ?? `模擬錯誤 (HTTP ${status})`
}
