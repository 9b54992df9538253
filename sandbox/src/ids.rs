//! Deterministic identifiers: ids, tokens and codes that look random but are derived
//! from counters, so a run of the sandbox is reproducible and needs no RNG.

/// splitmix64 of `salt ^ n`: spreads a counter over 64 bits. Each kind of id uses its
/// own salt so that, say, receipt 1 and deal 1 do not share digits.
pub(crate) fn mix(salt: u64, n: u64) -> u64 {
    let mut z = (salt ^ n).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A version-4-shaped UUID, e.g. `a12fc00f-5af5-45b8-adf8-74bff44680ee`.
pub(crate) fn uuid(salt: u64, n: u64) -> String {
    let a = mix(salt, n);
    let b = mix(salt.rotate_left(17), n);
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | ((b >> 48) & 0x3fff),
        b & 0xffff_ffff_ffff
    )
}

/// `width` decimal digits (leading zeros kept), `width` at most 18.
pub(crate) fn digits(salt: u64, n: u64, width: u32) -> String {
    let modulus = 10u64.pow(width.min(18));
    format!("{:0w$}", mix(salt, n) % modulus, w = width as usize)
}

/// 32 lower-case hex digits.
pub(crate) fn hex128(salt: u64, n: u64) -> String {
    format!("{:016x}{:016x}", mix(salt, n), mix(salt.rotate_left(29), n))
}

/// `len` characters of `[0-9A-Za-z]`, the look of VIA's (KSUID) ids.
pub(crate) fn base62(salt: u64, n: u64, len: u64) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    (0..len)
        .map(|i| {
            let at = mix(salt.wrapping_add(i), n) % ALPHABET.len() as u64;
            ALPHABET.get(at as usize).map_or('0', |b| char::from(*b))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let u = uuid(1, 2);
        assert_eq!(u.len(), 36);
        assert_eq!(u.chars().nth(14), Some('4'));
        assert_eq!(digits(3, 4, 12).len(), 12);
        assert_eq!(digits(3, 4, 6), digits(3, 4, 6));
        assert_ne!(digits(3, 4, 6), digits(3, 5, 6));
        assert_eq!(hex128(5, 6).len(), 32);
        let b = base62(7, 8, 27);
        assert_eq!(b.len(), 27);
        assert!(b.bytes().all(|c| c.is_ascii_alphanumeric()));
    }
}
