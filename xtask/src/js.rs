//! JavaScript (placeholder until the JS generator lands).
use uzpay::describe::Surface;

use crate::File;

pub fn files(_surface: &Surface) -> Vec<File> {
    Vec::new()
}
