//! The uzpay provider sandbox (work in progress).
