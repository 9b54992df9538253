//! Bounds on what uzpay accepts, so hostile or broken input fails fast with a clear
//! error instead of using unbounded memory.

/// The most items one receipt may carry.
pub const MAX_ITEMS: usize = 1000;

/// The largest response body a parser reads (1 MiB).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The longest free-text input (a title, a note), in characters.
pub const MAX_TEXT_CHARS: usize = 1024;

/// The longest identifier input (payment, transaction, invoice ids), in characters.
pub const MAX_ID_CHARS: usize = 128;

/// The longest URL input (base URLs, redirect URLs, OFD receipt URLs), in characters.
pub const MAX_URL_CHARS: usize = 2048;

/// The longest credential (api key, secret, token), in characters. Bearer tokens
/// (JWTs) run to a few kilobytes; anything longer is a mistake, not a key.
pub const MAX_CREDENTIAL_CHARS: usize = 8192;
