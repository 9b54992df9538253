//! How the sandbox locks its state.
//!
//! Each provider keeps its ledger behind a mutex of its own, so the providers never
//! wait on each other. Handlers lock, update and unlock synchronously: no guard is
//! ever held across an `.await`.

use std::sync::{Mutex, MutexGuard};

/// Locks a ledger or counter. A panic while it was held cannot leave it half-updated
/// in a way that matters more than stopping the sandbox would, so a poisoned lock is
/// reused.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
