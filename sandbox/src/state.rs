//! The sandbox's shared state: one ledger per provider plus the fault counters.
//!
//! Each ledger has its own mutex so the providers never wait on each other. Handlers
//! lock, update and unlock synchronously: no guard is ever held across an `.await`.

use std::sync::atomic::AtomicU64;
use std::sync::{Mutex, MutexGuard};

use crate::{faults, fiscalbox, paylov, paymentsgate, via};

/// Everything the handlers share.
pub(crate) struct App {
    /// `http://127.0.0.1:PORT`, for the URLs the sandbox hands out (PaymentsGate's
    /// payment page).
    pub(crate) origin: String,
    pub(crate) fiscalbox: Mutex<fiscalbox::Ledger>,
    pub(crate) paylov: Mutex<paylov::Ledger>,
    pub(crate) paymentsgate: Mutex<paymentsgate::Ledger>,
    pub(crate) via: Mutex<via::Ledger>,
    pub(crate) faults: Mutex<faults::Counters>,
    /// Every HTTP request received, faulted or not.
    pub(crate) requests: AtomicU64,
    pub(crate) faults_injected: AtomicU64,
}

impl App {
    pub(crate) fn new(origin: String) -> Self {
        App {
            origin,
            fiscalbox: Mutex::default(),
            paylov: Mutex::default(),
            paymentsgate: Mutex::default(),
            via: Mutex::default(),
            faults: Mutex::default(),
            requests: AtomicU64::new(0),
            faults_injected: AtomicU64::new(0),
        }
    }
}

/// Locks a ledger. A panic while it was held cannot leave it half-updated in a way
/// that matters more than stopping the sandbox would, so a poisoned lock is reused.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
