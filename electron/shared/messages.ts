// Messages both sides need: error codes and validation keys. Main uses them for the
// `message` of an AppError; the renderer merges them into vue-i18n (src/i18n.ts).
import type { ErrorCode, Language, NoticeCode } from './contract'

type Catalog = {
  error: Record<ErrorCode, string>
  phone: Record<'empty' | 'notDigits' | 'format', string>
  signup: Record<string, string>
  settings: Record<string, string>
  vendor: Record<string, string>
  admin: Record<string, string>
  search: Record<string, string>
  /** Configuration problems (contract.ts ConfigProblem): `config.<code>` with {field} = `config.<field>`. */
  config: Record<string, string>
  /** Notices (contract.ts NOTICE_CODES), with vue-i18n {placeholders} for their params; 'one | many' where a {count} needs it. */
  notice: Record<NoticeCode, string>
}

const zhTW: Catalog = {
  error: {
    VALIDATION: '輸入的資料有誤，請檢查標示的欄位。',
    NOT_CONFIGURED: '尚未設定會員系統連線，請到「設定」填寫。',
    UNAUTHORIZED: '會員系統拒絕了這組帳號密碼（client id / secret），請到「設定」確認。',
    FORBIDDEN: '這個操作不被允許。',
    NOT_FOUND: '查無此會員。',
    CONFLICT: '這支手機已經是會員了。',
    OFFLINE: '連不上會員系統（網路中斷或主機無回應）。',
    TIMEOUT: '會員系統回應逾時，請稍後再試。',
    TLS: '會員系統的安全憑證有問題（TLS），請通知 IT 人員。',
    VENDOR: '會員系統回傳了無法辨識的資料。',
    LOCKED: '設定已鎖定，需要管理員 PIN 碼。',
    RATE_LIMITED: '操作太頻繁，請稍後再試。',
    STORAGE_UNAVAILABLE: '系統鑰匙圈無法使用，這次無法暫存新會員資料；請在連線正常時再送出，或解鎖鑰匙圈後重新啟動。',
    INTERNAL: '程式發生錯誤，請重試；若持續發生請通知 IT 人員。',
  },
  phone: {
    empty: '請輸入手機號碼',
    notDigits: '手機號碼只能有數字',
    format: '需要 10 位數字，以 09 開頭',
  },
  signup: {
    required: '必填',
    phone: '需要 10 位數字，以 09 開頭',
    email: '電子信箱格式不正確',
    birthdayFormat: '生日可寫成 1985-03-12、740312、74/3/12 或 民國74年3月12日',
    birthdayInvalid: '沒有這一天',
    birthdayFuture: '生日不能是今天或未來的日期',
    birthdayTooOld: '生日不可早於 1900 年',
    tooLong: '太長了',
    mobileBarcode: '手機條碼為「/」加 7 碼（0-9、A-Z、.、+、-）',
    mobileBarcodeMissing: '選了手機條碼載具，請填寫手機條碼',
    citizenCertificate: '自然人憑證條碼為 2 個英文字母加 14 位數字',
    citizenCertificateMissing: '選了自然人憑證載具，請填寫憑證條碼',
    name: '姓名不可只有空白',
    password: '密碼需 6 到 64 個字元',
    choice: '請從選項中選一個',
    consentRequired: '請先請顧客同意個資告知，再勾選',
    memberOffline: '這台櫃檯的離線資料顯示這支手機已是會員，所以沒有存入待送出',
  },
  settings: {
    badPattern: '這不是有效的正規表示式',
    badStoreId: '門市代碼只能有英數字、底線與連字號',
    badUrl: '網址需以 http:// 或 https:// 開頭',
    secretUnavailable: '這台電腦無法安全加密保存密鑰（系統鑰匙圈不可用），因此不儲存。',
    storeNotFound: '會員系統沒有這個門市代碼。',
    fromEnvironment: '由環境變數設定，不能在這裡修改',
    badShortcut: '快速鍵格式不正確，例如 Ctrl+Shift+M（需包含 Shift 以外的修飾鍵）',
    badCustomerDisplay: '請從清單選一個螢幕、「自動」或「關閉」',
    undefinedValue: '這個設定沒有值，未儲存',
    httpsRequired: '網址必須以 https:// 開頭（只有本機 127.0.0.1 / localhost 可用 http://）',
    secretNeedsAuthUrl: '請先填寫並儲存驗證網址（auth URL）與 client id，再輸入密鑰',
  },
  search: {
    suffix: '請輸入手機末 3 碼數字',
    vipId: '會員編號格式不正確',
    rateLimited: '末三碼搜尋每分鐘最多 10 次，請在 {seconds} 秒後再試。',
  },
  config: {
    title: '會員系統連線設定不完整，目前不查詢會員；新會員申請會先存在待送出，設定好後再送出。',
    missing: '缺少{field}',
    badUrl: '{field}不是有效的網址',
    httpsRequired: '{field}必須使用 https://（只有本機可用 http://）',
    secretUnreadable: '無法讀取已儲存的{field}（金鑰遺失或系統鑰匙圈無法解鎖），請重新輸入',
    secretUnbound: '{field}是為另一個驗證網址或 client id 輸入的，請重新輸入',
    envSecretNeedsEnvUrls: '環境變數 POS_CLIENT_SECRET 只會搭配環境變數 POS_API_BASE_URL 與 POS_AUTH_URL 使用',
    apiBaseUrl: '會員 API 網址',
    authUrl: '驗證網址（auth URL）',
    clientId: '用戶端代碼（client id）',
    clientSecret: '密鑰（client secret）',
    storeId: '門市代碼',
  },
  vendor: {
    badPayload: '會員系統回傳的資料格式不正確。',
    truncated: '會員系統的回應不完整。',
  },
  admin: {
    pinFormat: 'PIN 碼需為 6 到 8 位數字',
    wrongPin: '管理員 PIN 碼不正確，還可以再試 {n} 次。',
    wrongPinLast: '管理員 PIN 碼不正確，再錯 1 次就會暫時鎖定。',
    lockedOut: 'PIN 碼錯誤次數過多，請稍後再試。',
    pinRequired: '需要目前的管理員 PIN 碼才能變更。',
  },
  notice: {
    settingsDamaged:
      '設定檔無法讀取，已另存為 {file}；目前使用環境變數與預設值，需要重新輸入設定（含管理員 PIN 碼）。請通知 IT 人員。',
    outboxRecordsDamaged: '{count} 筆待送出的新會員資料無法讀取，已另存於 {file}（沒有送出）。請通知 IT 人員。',
    outboxFileDamaged: '待送出的新會員檔案無法讀取，已另存為 {file}（其中的資料沒有送出）。請通知 IT 人員。',
    cacheRecordsDamaged: '{count} 筆會員離線資料無法讀取，已另存於 {file}；連線時查詢會重新取得。',
    cacheFileDamaged: '會員離線資料檔無法讀取，已另存為 {file}；連線時查詢會重新取得。',
    auditRecordsDamaged: '{count} 筆稽核紀錄無法讀取，已另存於 {file}。請通知 IT 人員。',
    noticeRecordsDamaged: '上次執行留下的 {count} 則提醒無法讀取，已另存於 {file}。請通知 IT 人員。',
    storeDamaged:
      '本機資料庫無法開啟，已另存為 {file}，並以空白資料庫啟動（原本待送出的新會員在另存的資料夾中）。請通知 IT 人員。',
    vaultKeyDamaged: '資料金鑰無法讀取，已另存為 {file}；用它加密的資料無法開啟，已一併另存。請通知 IT 人員。',
    vaultKeyringUnavailable:
      '系統鑰匙圈（{kind}）目前無法使用，這台電腦加密保存的資料（離線資料、待送出的新會員）無法開啟；程式不會改用其他金鑰，這次也不會保存新的資料。請解鎖鑰匙圈後重新啟動，或通知 IT 人員。',
    waylandLimits:
      '這個桌面環境（Wayland，沒有 XWayland）不支援：側邊面板的位置、保持在最上層、把視窗帶到前面與全域快速鍵。請 IT 改用 X11 工作階段或啟用 XWayland。',
  },
}

const en: Catalog = {
  error: {
    VALIDATION: 'Some details are not right; check the marked fields.',
    NOT_CONFIGURED: 'The member system is not set up yet. Fill it in under Settings.',
    UNAUTHORIZED: 'The member system refused these credentials (client id / secret). Check Settings.',
    FORBIDDEN: 'This action is not allowed.',
    NOT_FOUND: 'No member with that number.',
    CONFLICT: 'This phone is already a member.',
    OFFLINE: 'Cannot reach the member system (network down or host not answering).',
    TIMEOUT: 'The member system took too long to answer. Try again shortly.',
    TLS: 'The member system’s security certificate is not valid (TLS). Tell your IT contact.',
    VENDOR: 'The member system sent an answer the app cannot read.',
    LOCKED: 'Settings are locked; the administrator PIN is needed.',
    RATE_LIMITED: 'Too many requests; try again shortly.',
    STORAGE_UNAVAILABLE: 'The system keyring is not available, so this sign-up cannot be kept for later; send it while online, or unlock the keyring and restart.',
    INTERNAL: 'Something went wrong in the app. Try again; tell IT if it keeps happening.',
  },
  phone: {
    empty: 'Enter a mobile number',
    notDigits: 'A mobile number has digits only',
    format: 'Needs 10 digits starting with 09',
  },
  signup: {
    required: 'Required',
    phone: 'Needs 10 digits starting with 09',
    email: 'Not a valid e-mail address',
    birthdayFormat: 'Write a birthday as 1985-03-12, 740312, 74/3/12 or 民國74年3月12日',
    birthdayInvalid: 'That date does not exist',
    birthdayFuture: 'A birthday must be in the past',
    birthdayTooOld: 'A birthday cannot be before 1900',
    tooLong: 'Too long',
    mobileBarcode: 'Mobile carrier is “/” and 7 of 0-9, A-Z, . + -',
    mobileBarcodeMissing: 'Mobile carrier chosen: enter the carrier code',
    citizenCertificate: 'Citizen certificate is 2 letters and 14 digits',
    citizenCertificateMissing: 'Citizen certificate chosen: enter its code',
    name: 'A name cannot be only spaces',
    password: 'Password needs 6 to 64 characters',
    choice: 'Pick one of the options',
    consentRequired: 'Ask the customer to agree to the privacy notice, then tick it',
    memberOffline: "This counter's offline copy shows this number is already a member, so it was not queued",
  },
  settings: {
    badPattern: 'Not a valid regular expression',
    badStoreId: 'A store id has letters, digits, _ and - only',
    badUrl: 'A URL starts with http:// or https://',
    secretUnavailable:
      'This computer cannot encrypt the secret safely (no system keyring), so it was not saved.',
    storeNotFound: 'The member system has no store with this id.',
    fromEnvironment: 'Set by an environment variable; cannot be changed here',
    badShortcut: 'Not a valid shortcut, e.g. Ctrl+Shift+M (needs a modifier other than Shift)',
    badCustomerDisplay: 'Pick a screen from the list, Automatic or Off',
    undefinedValue: 'This setting has no value; nothing was saved',
    httpsRequired: 'The address must start with https:// (only 127.0.0.1 / localhost may use http://)',
    secretNeedsAuthUrl: 'Save the auth URL and client id first, then enter the secret',
  },
  search: {
    suffix: 'Enter the last 3 digits of the number',
    vipId: 'Not a valid member id',
    rateLimited: 'Last-three-digit searches are limited to 10 a minute. Try again in {seconds} s.',
  },
  config: {
    title: 'The member system connection is not fully set up: no member is looked up, and sign-ups wait in the queue until it is.',
    missing: '{field} is missing',
    badUrl: '{field} is not a valid address',
    httpsRequired: '{field} must use https:// (only this computer may use http://)',
    secretUnreadable: 'The saved {field} cannot be read (its key is gone or the system keyring is locked); enter it again',
    secretUnbound: 'The {field} was entered for another auth URL or client id; enter it again',
    envSecretNeedsEnvUrls: 'POS_CLIENT_SECRET is only used with POS_API_BASE_URL and POS_AUTH_URL from the environment too',
    apiBaseUrl: 'Member API URL',
    authUrl: 'Auth URL',
    clientId: 'Client id',
    clientSecret: 'Client secret',
    storeId: 'Store id',
  },
  vendor: {
    badPayload: 'The member system sent data in an unexpected shape.',
    truncated: 'The member system’s answer was cut off.',
  },
  admin: {
    pinFormat: 'A PIN is 6 to 8 digits',
    wrongPin: 'Wrong PIN — {n} tries left',
    wrongPinLast: 'Wrong PIN — 1 try left before a lock-out',
    lockedOut: 'Too many wrong PINs. Try again later.',
    pinRequired: 'The current administrator PIN is needed to change it.',
  },
  notice: {
    settingsDamaged:
      'The settings file could not be read and was kept aside as {file}; the app runs on environment variables and defaults until settings (and the administrator PIN) are entered again. Tell IT.',
    outboxRecordsDamaged:
      '{count} queued sign-up could not be read and was kept aside in {file} (not sent); tell IT. | {count} queued sign-ups could not be read and were kept aside in {file} (not sent); tell IT.',
    outboxFileDamaged: 'The queued sign-ups file could not be read and was kept aside as {file} (nothing in it was sent); tell IT.',
    cacheRecordsDamaged:
      '{count} offline member copy could not be read and was kept aside in {file}; a lookup while online fetches it again. | {count} offline member copies could not be read and were kept aside in {file}; a lookup while online fetches them again.',
    cacheFileDamaged: 'The offline member copies file could not be read and was kept aside as {file}; a lookup while online fetches them again.',
    auditRecordsDamaged: '{count} audit entry could not be read and was kept aside in {file}; tell IT. | {count} audit entries could not be read and were kept aside in {file}; tell IT.',
    noticeRecordsDamaged:
      '{count} notice from an earlier run could not be read and was kept aside in {file}; tell IT. | {count} notices from an earlier run could not be read and were kept aside in {file}; tell IT.',
    storeDamaged:
      'The local database could not be opened and was kept aside as {file}; the app started with an empty one (queued sign-ups from before are in the folder kept aside). Tell IT.',
    vaultKeyDamaged: 'The data key could not be read and was kept aside as {file}; what it sealed cannot be opened and was kept aside too. Tell IT.',
    vaultKeyringUnavailable:
      'The system keyring ({kind}) is not available, so the data this computer sealed with it (offline copies, queued sign-ups) cannot be opened; the app does not switch to another key and keeps nothing new this session. Unlock the keyring and restart, or tell IT.',
    waylandLimits:
      'This desktop session (Wayland without XWayland) cannot place the side panel, keep the window on top, bring it forward or use the global shortcut. Ask IT for an X11 session or XWayland.',
  },
}

export const sharedMessages: Record<Language, Catalog> = { 'zh-TW': zhTW, en }

/** Looks up `section.key` (e.g. `error.OFFLINE`, `signup.email`); returns the key if missing. */
export function sharedMessage(lang: Language, key: string): string {
  const [section, name] = key.split('.') as [keyof Catalog, string]
  const table = sharedMessages[lang][section] as Record<string, string> | undefined
  return table?.[name] ?? key
}
