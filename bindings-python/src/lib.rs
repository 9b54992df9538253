//! Python bindings of uzpay (work in progress).
